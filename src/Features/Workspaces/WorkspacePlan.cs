namespace Konvrt.Portal.Features.Workspaces;

public enum WorkspacePlan
{
    Free,
    Pro,
    Team,
}
