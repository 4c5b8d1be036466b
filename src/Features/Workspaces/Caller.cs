namespace Konvrt.Portal.Features.Workspaces;

/// <summary>Who is asking and in which workspace they act. Every query a feature makes is scoped by <see cref="WorkspaceId"/>.</summary>
public sealed record Caller(
    string UserId,
    string Email,
    Guid WorkspaceId,
    string WorkspaceName,
    WorkspaceRole Role,
    WorkspacePlan Plan,
    bool IsPersonal = true)
{
    public bool Can(WorkspaceAction permission) => Role.Allows(permission);
}
