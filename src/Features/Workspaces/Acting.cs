using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// Who changes a team: a member (whose role is read again from the database in the change's transaction, so a tab
/// opened before a demotion or removal cannot act on stale rights), or the site's administrator through the CLI.
/// </summary>
public sealed record Acting(Guid WorkspaceId, string? UserId, AuditActor Actor)
{
    public static Acting As(Caller caller) => new(caller.WorkspaceId, caller.UserId, AuditActor.Of(caller));

    public static Acting Administrator(Guid workspaceId) => new(workspaceId, null, AuditActor.Administrator);

    /// <summary>The acting member's role among <paramref name="members"/> as loaded now; the administrator acts as an owner; null: not a member.</summary>
    public WorkspaceRole? RoleAmong(IEnumerable<WorkspaceMember> members) =>
        UserId is null ? WorkspaceRole.Owner : members.SingleOrDefault(member => member.UserId == UserId)?.Role;

    /// <summary>The same, read in the change's own context.</summary>
    public async Task<WorkspaceRole?> RoleAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        UserId is null
            ? WorkspaceRole.Owner
            : await db.WorkspaceMembers.Where(member => member.WorkspaceId == WorkspaceId && member.UserId == UserId)
                .Select(member => (WorkspaceRole?)member.Role).SingleOrDefaultAsync(cancellationToken);
}
