using Konvrt.Portal.Features.Workspaces;

namespace Konvrt.Portal.UnitTests.Features.Workspaces;

/// <summary>The roles as the product promises them, written out role by role: the portal's table must say the same.</summary>
public sealed class WorkspaceRightsTests
{
    private static readonly Dictionary<WorkspaceRole, WorkspaceAction[]> Promised = new()
    {
        [WorkspaceRole.Viewer] = [WorkspaceAction.ViewJobs],
        [WorkspaceRole.Developer] = [WorkspaceAction.ViewJobs, WorkspaceAction.Convert, WorkspaceAction.UseApiKeys],
        [WorkspaceRole.Admin] =
        [
            WorkspaceAction.ViewJobs, WorkspaceAction.Convert, WorkspaceAction.UseApiKeys, WorkspaceAction.ManageApiKeys,
            WorkspaceAction.ManageMembers, WorkspaceAction.ManageIntegrations, WorkspaceAction.ViewAudit,
        ],
        [WorkspaceRole.Owner] =
        [
            WorkspaceAction.ViewJobs, WorkspaceAction.Convert, WorkspaceAction.UseApiKeys, WorkspaceAction.ManageApiKeys,
            WorkspaceAction.ManageMembers, WorkspaceAction.ManageIntegrations, WorkspaceAction.ViewAudit,
            WorkspaceAction.ManageBilling, WorkspaceAction.OwnWorkspace,
        ],
    };

    [Fact]
    public void Every_role_may_do_exactly_what_it_is_promised_and_nothing_else()
    {
        var wrong = (
            from role in Enum.GetValues<WorkspaceRole>()
            from action in Enum.GetValues<WorkspaceAction>()
            where role.Allows(action) != Promised[role].Contains(action)
            select $"{role} {(role.Allows(action) ? "may" : "may not")} {action}").ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Each_role_can_do_all_that_the_role_below_it_can()
    {
        WorkspaceRole[] ladder = [WorkspaceRole.Viewer, WorkspaceRole.Developer, WorkspaceRole.Admin, WorkspaceRole.Owner];
        foreach (var (lower, higher) in ladder.Zip(ladder.Skip(1)))
        {
            Assert.All(Enum.GetValues<WorkspaceAction>().Where(action => lower.Allows(action)), action => Assert.True(higher.Allows(action), $"{higher} cannot {action}"));
        }
    }

    [Theory]
    [InlineData(WorkspacePlan.Free, false, false)]
    [InlineData(WorkspacePlan.Pro, false, true)]
    [InlineData(WorkspacePlan.Team, true, true)]
    public void Members_need_the_team_plan_and_live_keys_pro_or_team(WorkspacePlan plan, bool members, bool liveApi)
    {
        Assert.Equal(members, plan.AllowsMembers());
        Assert.Equal(liveApi, plan.AllowsLiveApi());
    }
}
