namespace Konvrt.Portal.Features.Workspaces;

/// <summary>What each plan includes, where it decides who may join or call the API.</summary>
public static class WorkspacePlanRules
{
    /// <summary>Members beyond the owner need the Team plan; a downgrade keeps the members it had.</summary>
    public static bool AllowsMembers(this WorkspacePlan plan) => plan == WorkspacePlan.Team;

    /// <summary>Live API keys need Pro or Team; test keys work on every plan.</summary>
    public static bool AllowsLiveApi(this WorkspacePlan plan) => plan is WorkspacePlan.Pro or WorkspacePlan.Team;
}
