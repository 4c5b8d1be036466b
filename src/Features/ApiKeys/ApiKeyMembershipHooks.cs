using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>A member who goes takes their keys' access with them; a changed role reaches their keys at once.</summary>
internal sealed class ApiKeyMembershipHooks(ApiKeyService keys, RecognisedKeys recognised) : IMembershipHooks
{
    public Task MemberLeavingAsync(PortalDbContext db, Guid workspaceId, string userId, AuditActor actor, CancellationToken cancellationToken) =>
        keys.RevokeMadeByAsync(db, workspaceId, userId, actor, cancellationToken);

    public Task MembersChangedAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        recognised.WorkspaceChangedAsync(workspaceId, cancellationToken);
}
