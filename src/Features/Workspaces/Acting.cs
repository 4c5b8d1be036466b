namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// Who changes a team: a member (whose role is read again from the database in the change's transaction, so a tab
/// opened before a demotion or removal cannot act on stale rights), or the site's administrator through the CLI.
/// </summary>
public sealed record Acting(Guid WorkspaceId, string? UserId, AuditActor Actor)
{
    public static Acting As(Caller caller) => new(caller.WorkspaceId, caller.UserId, AuditActor.Of(caller));

    public static Acting Administrator(Guid workspaceId) => new(workspaceId, null, AuditActor.Administrator);
}
