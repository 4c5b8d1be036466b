namespace Konvrt.Portal.Features.Workspaces;

public enum WorkspaceRole
{
    Owner,
    Member,
}
