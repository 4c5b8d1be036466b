using Bunit;
using Konvrt.Portal.Features.Webhooks;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.ComponentTests.Features.Jobs;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Konvrt.Portal.ComponentTests.Features.Workspaces;

public sealed class MembersPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IDbContextFactory<PortalDbContext> Contexts => Service<IDbContextFactory<PortalDbContext>>();

    private static IReadOnlyList<string> Members(IRenderedComponent<MembersPage> page) =>
        [.. page.FindAll("[data-testid=member-email]").Select(cell => cell.TextContent.Trim())];

    [Fact]
    public void A_personal_workspace_on_the_free_plan_says_members_need_the_team_plan_and_offers_no_invitation()
    {
        var page = Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Equal(["alice@example.com (you)"], Members(page)), Wait);
        Assert.Contains("need the Team plan", page.Find("[data-testid=team-plan-notice]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=invite]"));
        Assert.Empty(page.FindAll("[data-testid=leave]"));
    }

    [Fact]
    public async Task An_admin_invites_by_mail_sees_the_invitation_and_can_change_roles_below_owner_only()
    {
        var team = await JoinTeamAsync(WorkspaceRole.Admin);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<MembersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, Members(page).Count), Wait);
        // The owner's role is not the admin's to change; the admin's own is not either.
        Assert.Empty(page.FindAll("[data-testid=member-role]"));
        Assert.Equal(["Owner", "Admin"], page.FindAll("[data-testid=member-role-text]").Select(chip => chip.TextContent.Trim()));

        page.Find("[data-testid=invite]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=invite-email]"), Wait);
        dialogs.Find("input[data-testid=invite-email]").Input("newcomer@example.com");
        dialogs.Find("[data-testid=invite-send]").Click();

        page.WaitForAssertion(() => Assert.Equal("newcomer@example.com", page.Find("[data-testid=invitation-email]").TextContent.Trim()), Wait);
        var invitation = Assert.Single(await Service<Invitations>().ListAsync(team.WorkspaceId));
        Assert.Equal(WorkspaceRole.Developer, invitation.Role);
        Assert.Single(Directory.GetFiles(Paths.MailPickup, "*.eml"));
    }

    [Fact]
    public async Task A_viewer_sees_who_is_in_the_team_changes_nothing_and_may_leave()
    {
        await JoinTeamAsync(WorkspaceRole.Viewer);

        var page = Render<MembersPage>();

        page.WaitForAssertion(() => Assert.Equal(2, Members(page).Count), Wait);
        Assert.Empty(page.FindAll("[data-testid=invite]"));
        Assert.Empty(page.FindAll("[data-testid=member-role]"));
        Assert.Empty(page.FindAll("[data-testid=remove-member]"));
        Assert.Empty(page.FindAll("[data-testid=transfer]"));
        Assert.Single(page.FindAll("[data-testid=leave]"));
    }

    [Fact]
    public async Task A_page_the_role_cannot_use_says_so_instead_of_offering_its_buttons()
    {
        await JoinTeamAsync(WorkspaceRole.Developer);

        var page = Render<WebhooksPage>();

        page.WaitForAssertion(() => Assert.Contains("As a Developer in Design team you cannot manage webhooks", page.Find("[data-testid=role-gate]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=add-webhook]"));
    }

    [Fact]
    public async Task The_audit_log_shows_who_did_what_newest_first_and_filters_by_area()
    {
        await JoinTeamAsync(WorkspaceRole.Admin);
        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(["member.added", "workspace.created"],
            page.FindAll("[data-testid=audit-action]").Select(cell => cell.GetAttribute("data-action"))), Wait);
        Assert.Contains("alice@example.com", page.Find("[data-testid=audit-log]").TextContent, StringComparison.Ordinal);

        page.Find("input[data-testid=audit-search]").Input("nobody-matches-this");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=audit-empty]")), Wait);
    }

    [Fact]
    public async Task An_open_page_of_a_member_removed_meanwhile_shows_nothing_more_and_reloads_saying_which_workspace_was_lost()
    {
        var team = await JoinTeamAsync(WorkspaceRole.Developer);
        Contexts.Seed(TestJobs.Job(team.WorkspaceId, "team-secret.jpg", DateTimeOffset.UtcNow));
        var page = Render<Konvrt.Portal.Features.Jobs.History.JobHistoryPage>();
        page.WaitForAssertion(() => Assert.Contains("team-secret.jpg", page.Find("[data-testid=job-grid]").TextContent, StringComparison.Ordinal), Wait);

        await Service<TeamMembers>().RemoveAsync(Acting.Administrator(team.WorkspaceId), User.Id);
        await page.InvokeAsync(() => page.FindComponent<MudDataGrid<Konvrt.Portal.Features.Jobs.ConversionJob>>().Instance.ReloadServerData());

        page.WaitForAssertion(() => Assert.DoesNotContain("team-secret.jpg", page.Find("[data-testid=job-grid]").TextContent, StringComparison.Ordinal), Wait);
        var navigation = Service<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.Contains("lost=Design%20team", navigation.Uri, StringComparison.Ordinal);
    }
}
