namespace Konvrt.Portal.Features.Workspaces;

public sealed class WorkspaceMember
{
    public Guid WorkspaceId { get; init; }
    public required string UserId { get; init; }
    public WorkspaceRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; init; }
}
