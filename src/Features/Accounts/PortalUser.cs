using Microsoft.AspNetCore.Identity;

namespace Konvrt.Portal.Features.Accounts;

public sealed class PortalUser : IdentityUser
{
    public const string AdminRole = "admin";

    /// <summary>null follows the system; remembered per user, not per browser.</summary>
    public bool? PrefersDarkMode { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
