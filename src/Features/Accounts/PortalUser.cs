using Microsoft.AspNetCore.Identity;

namespace Konvrt.Portal.Features.Accounts;

public sealed class PortalUser : IdentityUser
{
    public const string AdminRole = "admin";

    /// <summary>null follows the system; remembered per user, not per browser.</summary>
    public bool? PrefersDarkMode { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The workspace chosen last in the switcher; null or no longer a member: the personal one.</summary>
    public Guid? CurrentWorkspaceId { get; set; }
}
