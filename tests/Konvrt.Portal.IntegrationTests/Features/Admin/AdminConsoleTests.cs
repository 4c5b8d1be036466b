using System.Net;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Admin;
using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Features.Jobs;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Konvrt.Portal.IntegrationTests.Features.Jobs.JobKit;

namespace Konvrt.Portal.IntegrationTests.Features.Admin;

/// <summary>The admin console over the real database: who may see it, and what its actions change and write down.</summary>
public sealed class AdminConsoleTests(PortalFactory<WithFlakySource> portal) : IClassFixture<PortalFactory<WithFlakySource>>
{
    private const string Password = "admin console password";

    private async Task<(string Id, string Email, Guid WorkspaceId)> UserAsync(bool administrator = false)
    {
        var email = $"{(administrator ? "admin" : "user")}-{Guid.NewGuid():N}@example.com";
        await using var scope = portal.Services.CreateAsyncScope();
        var (result, user) = await scope.ServiceProvider.GetRequiredService<AccountLifecycle>().RegisterAsync(email, Password, emailConfirmed: true);
        Assert.True(result.Succeeded);
        if (administrator)
        {
            var made = await scope.ServiceProvider.GetRequiredService<AdminUsers>()
                .MakeAdministratorAsync(user.Id, AuditActor.Administrator, CancellationToken.None);
            Assert.Null(made);
        }
        var caller = await portal.Services.GetRequiredService<WorkspaceDirectory>().FindCallerAsync(user.Id);
        return (user.Id, email, caller!.WorkspaceId);
    }

    private static AuditActor Acting((string Id, string Email, Guid _) admin) => AuditActor.SiteAdministrator(admin.Id, admin.Email);

    private async Task<IReadOnlyList<AuditEntry>> AuditOfAsync(Guid workspaceId) =>
        (await portal.Services.GetRequiredService<AuditTrail>().PageAsync(workspaceId, "admin", null, 0, 50, CancellationToken.None)).Entries;

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/users")]
    [InlineData("/admin/workspaces")]
    [InlineData("/admin/jobs")]
    public async Task Only_a_site_administrator_finds_the_console_everyone_else_gets_a_404(string path)
    {
        var anonymous = await portal.NewBrowser().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.Response.StatusCode);
        Assert.Contains("Page not found", anonymous.Text, StringComparison.Ordinal);

        var user = await UserAsync();
        var member = portal.NewBrowser();
        await member.LogInAsync(user.Email, Password);
        var refused = await member.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, refused.Response.StatusCode);
        Assert.Contains("Page not found", refused.Text, StringComparison.Ordinal);
        Assert.Null(refused.Document.QuerySelector("[data-testid=admin-nav]"));

        var admin = await UserAsync(administrator: true);
        var browser = portal.NewBrowser();
        await browser.LogInAsync(admin.Email, Password);
        var console = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, console.Response.StatusCode);
        Assert.NotNull(console.Document.QuerySelector("[data-testid=admin-nav]"));
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_until_unlocked_and_both_are_in_their_workspace_s_audit_log()
    {
        var admin = await UserAsync(administrator: true);
        var user = await UserAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<AdminUsers>();

        Assert.Null(await users.LockAsync(user.Id, Acting(admin), CancellationToken.None));
        var locked = await portal.NewBrowser().LogInAsync(user.Email, Password);
        Assert.Equal("/Account/Lockout", locked.Path);
        Assert.True(Assert.Single(await users.SearchAsync(user.Email, 10, CancellationToken.None)).Locked);

        Assert.Null(await users.UnlockAsync(user.Id, Acting(admin), CancellationToken.None));
        Assert.Equal("/dashboard", (await portal.NewBrowser().LogInAsync(user.Email, Password)).Path);

        var audit = await AuditOfAsync(user.WorkspaceId);
        Assert.Equal([AuditActions.UserUnlocked, AuditActions.UserLocked], audit.Select(entry => entry.Action));
        Assert.All(audit, entry => Assert.Equal($"{admin.Email} (site administrator)", entry.Actor));
        Assert.All(audit, entry => Assert.Equal(user.Email, entry.Subject));
    }

    [Fact]
    public async Task An_administrator_cannot_lock_themselves_out_nor_drop_their_own_role()
    {
        var admin = await UserAsync(administrator: true);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<AdminUsers>();

        Assert.Equal("You cannot lock yourself out.", await users.LockAsync(admin.Id, Acting(admin), CancellationToken.None));
        Assert.Equal("You cannot remove your own administrator role.", await users.RemoveAdministratorAsync(admin.Id, Acting(admin), CancellationToken.None));
        var row = Assert.Single(await users.SearchAsync(admin.Email, 10, CancellationToken.None));
        Assert.True(row.IsAdministrator);
        Assert.False(row.Locked);
        // Made an administrator when the test set them up (by the CLI's actor): that is written down too.
        Assert.Equal([AuditActions.AdministratorMade], (await AuditOfAsync(admin.WorkspaceId)).Select(entry => entry.Action));
    }

    [Fact]
    public async Task Granted_credits_and_a_new_plan_reach_the_workspace_its_ledger_and_its_audit_log()
    {
        var admin = await UserAsync(administrator: true);
        var user = await UserAsync();
        var workspaces = portal.Services.GetRequiredService<AdminWorkspaces>();
        var before = await portal.Services.GetRequiredService<CreditLedger>().BalanceAsync(user.WorkspaceId, CancellationToken.None);

        Assert.Equal("Say why: the reason is in the workspace's ledger and audit log.",
            await workspaces.GrantCreditsAsync(user.WorkspaceId, 250, " ", Acting(admin), CancellationToken.None));
        Assert.Null(await workspaces.GrantCreditsAsync(user.WorkspaceId, 250, "Refund for the outage", Acting(admin), CancellationToken.None));
        Assert.True(await workspaces.SetPlanAsync(user.WorkspaceId, WorkspacePlan.Pro, Acting(admin), CancellationToken.None));

        var row = Assert.Single(await workspaces.SearchAsync(user.Email, 10, CancellationToken.None));
        Assert.Equal((before + 250, WorkspacePlan.Pro), (row.Balance, row.Plan));
        Assert.Equal([new AdminMember(user.Email, WorkspaceRole.Owner)], row.Members);
        var (entries, _) = await portal.Services.GetRequiredService<CreditLedger>().EntriesAsync(user.WorkspaceId, 0, 10, CancellationToken.None);
        Assert.Contains(entries, entry => entry.Kind == CreditEntryKind.Grant && entry.Credits == 250 && entry.Description == "Refund for the outage");
        var audit = (await portal.Services.GetRequiredService<AuditTrail>().PageAsync(user.WorkspaceId, "billing", null, 0, 10, CancellationToken.None)).Entries;
        Assert.Equal([AuditActions.PlanChanged, AuditActions.CreditsGranted], audit.Select(entry => entry.Action));
        Assert.All(audit, entry => Assert.Equal($"{admin.Email} (site administrator)", entry.Actor));
        Assert.Equal("Refund for the outage", audit[1].Detail);
    }

    [Fact]
    public async Task A_failed_job_retried_by_an_administrator_is_converted_charged_as_at_first_and_announced_again()
    {
        var admin = await UserAsync(administrator: true);
        var user = await UserAsync();
        var ledger = portal.Services.GetRequiredService<CreditLedger>();
        // The source's host is down the first time the worker asks, and up after that.
        var url = portal.Setup.SourceFailingOnce();
        var submitted = await portal.Services.GetRequiredService<JobQueue>().SubmitAsync(
            new JobSubmission(user.WorkspaceId, new UrlSource(new Uri(url)), JobSubmission.One(Options(("format", "webp"))), JobOrigin.Api), CancellationToken.None);
        var failed = await portal.FinishedAsync(submitted.Id);
        Assert.Equal((JobStatus.Failed, "source-unreachable"), (failed.Status, failed.ErrorCode));
        var balance = await ledger.BalanceAsync(user.WorkspaceId, CancellationToken.None);

        var jobs = portal.Services.GetRequiredService<AdminJobs>();
        Assert.Contains(await jobs.FailedAsync(failed.SourceFileName, 100, CancellationToken.None), row => row.Id == failed.Id);
        Assert.Null(await jobs.RetryAsync(failed.Id, Acting(admin), CancellationToken.None));
        var retried = await portal.FinishedAsync(failed.Id);

        Assert.Equal(JobStatus.Completed, retried.Status);
        Assert.NotNull(retried.NotifiedAt);
        // Its first charge was given back when it failed; the retry pays what a conversion of the image costs.
        Assert.Equal(balance - retried.CreditsCharged, await ledger.BalanceAsync(user.WorkspaceId, CancellationToken.None));
        Assert.Equal(1, retried.CreditsCharged);
        Assert.Equal("Only a failed job whose files are still kept can be retried.", await jobs.RetryAsync(failed.Id, Acting(admin), CancellationToken.None));
        var entry = Assert.Single(await AuditOfAsync(user.WorkspaceId));
        Assert.Equal((AuditActions.JobRetried, failed.SourceFileName), (entry.Action, entry.Subject));
    }
}

/// <summary>A source host on loopback that fails its first request for each path and serves a JPEG after.</summary>
public sealed class WithFlakySource : PortalSetup
{
    private readonly HashSet<string> failedOnce = [];
    private WebApplication? host;
    private string baseUrl = "";

    public override async Task StartAsync() => (host, baseUrl) = await LoopbackApp.StartAsync(app => app.Run(async context =>
    {
        bool first;
        lock (failedOnce)
        {
            first = failedOnce.Add(context.Request.Path.Value!);
        }
        if (first)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        context.Response.ContentType = "image/jpeg";
        await context.Response.Body.WriteAsync(SmallJpeg(120));
    }));

    public string SourceFailingOnce() => $"{baseUrl}/photos/{Guid.NewGuid():N}.jpg";

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Outbound:AllowPrivateNetworks"] = "true" };

    protected override async ValueTask StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
