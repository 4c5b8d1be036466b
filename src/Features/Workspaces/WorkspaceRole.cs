namespace Konvrt.Portal.Features.Workspaces;

/// <summary>What a member may do in a workspace; <see cref="WorkspaceRights"/> says exactly what each allows.</summary>
public enum WorkspaceRole
{
    /// <summary>Billing, the plan, deleting the workspace and handing it over; everything an Admin does.</summary>
    Owner,
    /// <summary>Members, every API key, webhooks, storage destinations and presets; everything a Developer does.</summary>
    Admin,
    /// <summary>Converts, keeps API keys of their own, sees and deletes every job.</summary>
    Developer,
    /// <summary>Reads the job history and the dashboard; changes nothing.</summary>
    Viewer,
}
