namespace Konvrt.Portal.Features.Workspaces;

/// <summary>Everything a page action or an API call may need a role for.</summary>
public enum WorkspaceAction
{
    /// <summary>Job history, job details, downloads, the dashboard, presets and the balance.</summary>
    ViewJobs,
    /// <summary>Convert, and delete jobs.</summary>
    Convert,
    /// <summary>Create API keys and revoke one's own.</summary>
    UseApiKeys,
    /// <summary>Revoke anyone's API key.</summary>
    ManageApiKeys,
    /// <summary>Invite, change roles, remove members.</summary>
    ManageMembers,
    /// <summary>Webhooks, storage destinations and presets.</summary>
    ManageIntegrations,
    /// <summary>The audit log.</summary>
    ViewAudit,
    /// <summary>Buy credits, change or cancel the plan.</summary>
    ManageBilling,
    /// <summary>Rename or delete the workspace, hand ownership over.</summary>
    OwnWorkspace,
}

/// <summary>The one table of which role may do what: pages, the API and the tests all read it.</summary>
public static class WorkspaceRights
{
    private static readonly Dictionary<WorkspaceRole, WorkspaceAction[]> Granted = new()
    {
        [WorkspaceRole.Viewer] = [WorkspaceAction.ViewJobs],
        [WorkspaceRole.Developer] = [WorkspaceAction.ViewJobs, WorkspaceAction.Convert, WorkspaceAction.UseApiKeys],
        [WorkspaceRole.Admin] =
        [
            WorkspaceAction.ViewJobs, WorkspaceAction.Convert, WorkspaceAction.UseApiKeys, WorkspaceAction.ManageApiKeys,
            WorkspaceAction.ManageMembers, WorkspaceAction.ManageIntegrations, WorkspaceAction.ViewAudit,
        ],
        [WorkspaceRole.Owner] = Enum.GetValues<WorkspaceAction>(),
    };

    public static bool Allows(this WorkspaceRole role, WorkspaceAction permission) => Granted[role].Contains(permission);

    /// <summary>The word people read: "Owner", "Viewer".</summary>
    public static string Label(this WorkspaceRole role) => role.ToString();

    /// <summary>The role in a sentence: "an Owner", "a Viewer".</summary>
    public static string WithArticle(this WorkspaceRole role) =>
        (role is WorkspaceRole.Owner or WorkspaceRole.Admin ? "an " : "a ") + role.Label();

    public static string Describe(this WorkspaceRole role) => role switch
    {
        WorkspaceRole.Owner => "Billing and plan, delete the workspace, transfer ownership; everything an Admin can do.",
        WorkspaceRole.Admin => "Members, all API keys, webhooks, storage destinations and presets; everything a Developer can do.",
        WorkspaceRole.Developer => "Convert, API keys of their own, every job.",
        _ => "Job history and dashboard, read-only.",
    };
}
