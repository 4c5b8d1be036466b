using Bunit;
using Konvrt.Portal.ComponentTests.Features.Jobs;
using Konvrt.Portal.Features.Admin;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.TestSupport;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Konvrt.Portal.ComponentTests.Features.Admin;

public sealed class AdminPagesTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IDbContextFactory<PortalDbContext> Contexts => Service<IDbContextFactory<PortalDbContext>>();

    private async Task<Guid> WorkspaceOfAsync(string userId) => (await Service<WorkspaceDirectory>().FindCallerAsync(userId))!.WorkspaceId;

    [Fact]
    public void To_anyone_but_a_site_administrator_every_page_of_the_console_is_not_found_and_reads_nothing()
    {
        SeedUser("bob@example.com");

        var users = Render<AdminUsersPage>();
        var overview = Render<AdminOverviewPage>();
        var workspaces = Render<AdminWorkspacesPage>();
        var jobs = Render<AdminJobsPage>();

        foreach (var page in new IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>[] { users, overview, workspaces, jobs })
        {
            page.WaitForAssertion(() => Assert.Contains("Page not found", page.Find("[data-testid=admin-not-found]").TextContent, StringComparison.Ordinal), Wait);
            Assert.Empty(page.FindAll("[data-testid=admin-nav]"));
        }
        Assert.DoesNotContain("bob@example.com", users.Markup, StringComparison.Ordinal);
        Assert.Empty(overview.FindAll("[data-testid=admin-queue]"));
    }

    [Fact]
    public async Task An_administrator_finds_a_user_and_locks_them_after_saying_yes()
    {
        MakeSiteAdministrator();
        var bob = SeedUser("bob@example.com");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AdminUsersPage>();
        page.WaitForAssertion(() => Assert.Equal(["alice@example.com", "bob@example.com"], page.FindAll("[data-testid=user-email]").Select(cell => cell.TextContent.Trim())), Wait);

        page.Find("input[data-testid=user-search]").Input("BOB");
        page.WaitForAssertion(() => Assert.Equal(["bob@example.com"], page.FindAll("[data-testid=user-email]").Select(cell => cell.TextContent.Trim())), Wait);
        page.Find("[data-testid=user-lock]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("bob@example.com is signed out", dialogs.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("mud-button-filled-error", dialogs.Find("[data-testid=confirm-yes]").ClassName, StringComparison.Ordinal);
        dialogs.Find("[data-testid=confirm-yes]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=user-locked]")), Wait);
        Assert.Single(page.FindAll("[data-testid=user-unlock]"));
        var audit = await Service<AuditTrail>().PageAsync(await WorkspaceOfAsync(bob.Id), "admin", null, 0, 10, CancellationToken.None);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal((AuditActions.UserLocked, "alice@example.com (site administrator)", "bob@example.com"), (entry.Action, entry.Actor, entry.Subject));
    }

    [Fact]
    public async Task An_administrator_grants_credits_with_a_reason_and_sees_the_new_balance()
    {
        MakeSiteAdministrator();
        var before = await Service<CreditLedger>().BalanceAsync(WorkspaceId, CancellationToken.None);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AdminWorkspacesPage>();
        // A new workspace's free credits count before its account is opened by a first charge.
        page.WaitForAssertion(() => Assert.Equal(before.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), page.Find("[data-testid=workspace-balance]").TextContent.Trim()), Wait);

        page.Find("[data-testid=workspace-grant]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=grant-credits]"), Wait);
        dialogs.Find("input[data-testid=grant-credits]").Change("500");
        dialogs.Find("[data-testid=grant-confirm]").Click();
        // No reason, no grant: the field says why.
        dialogs.WaitForAssertion(() => Assert.Contains("Say why", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.Find("input[data-testid=grant-reason]").Input("Sorry for the outage");
        dialogs.Find("[data-testid=grant-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal((before + 500).ToString("N0", System.Globalization.CultureInfo.CurrentCulture), page.Find("[data-testid=workspace-balance]").TextContent.Trim()), Wait);
        var (entries, _) = await Service<CreditLedger>().EntriesAsync(WorkspaceId, 0, 5, CancellationToken.None);
        Assert.Contains(entries, credit => credit.Credits == 500 && credit.Description == "Sorry for the outage");
    }

    [Fact]
    public void An_administrator_sees_failed_jobs_of_every_workspace_with_their_errors_and_the_queue_on_the_overview()
    {
        MakeSiteAdministrator();
        var other = OtherWorkspaceId();
        Contexts.Seed(
            TestJobs.Job(other, "broken.jpg", DateTimeOffset.UtcNow.AddMinutes(-3), JobStatus.Failed),
            TestJobs.Job(WorkspaceId, "fine.jpg", DateTimeOffset.UtcNow.AddMinutes(-2)),
            TestJobs.Job(WorkspaceId, "waiting.jpg", DateTimeOffset.UtcNow.AddMinutes(-1), JobStatus.Queued));

        var jobs = Render<AdminJobsPage>();
        jobs.WaitForAssertion(() => Assert.Equal(["broken.jpg"], jobs.FindAll("[data-testid=job-file]").Select(cell => cell.TextContent.Trim())), Wait);
        Assert.Contains("invalid-image The image is truncated.", jobs.Find("[data-testid=job-error]").TextContent, StringComparison.Ordinal);
        Assert.Single(jobs.FindAll("[data-testid=job-retry]"));

        var overview = Render<AdminOverviewPage>();
        overview.WaitForAssertion(() => Assert.Equal("1", overview.Find("[data-testid=queue-waiting]").TextContent.Trim()), Wait);
        Assert.Equal("No job is being converted.", overview.Find("[data-testid=running-none]").TextContent.Trim());
        Assert.Equal(["Overview", "Users", "Workspaces", "Failed jobs"], overview.FindAll("[data-testid=admin-nav] a").Select(link => link.TextContent.Trim()));
        Assert.Equal("page", overview.Find("[data-testid=admin-nav] a[aria-current]").GetAttribute("aria-current"));
    }
}
