namespace Konvrt.Portal.Features.Workspaces;

/// <summary>A member as the members page and the CLI list them.</summary>
public sealed record WorkspaceMemberView(string UserId, string Email, WorkspaceRole Role, DateTimeOffset JoinedAt);
