using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// Lets features above Workspaces act when membership changes, without Workspaces knowing them (the API keys a
/// member made stop working when they go).
/// </summary>
public interface IMembershipHooks
{
    /// <summary>In the transaction that removes the member: add to <paramref name="db"/>, never save.</summary>
    Task MemberLeavingAsync(PortalDbContext db, Guid workspaceId, string userId, AuditActor actor, CancellationToken cancellationToken);

    /// <summary>After a role change or a removal is committed.</summary>
    Task MembersChangedAsync(Guid workspaceId, CancellationToken cancellationToken);
}
