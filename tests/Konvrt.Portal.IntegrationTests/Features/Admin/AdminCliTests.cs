using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.IntegrationTests.Support;
using Konvrt.Portal.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Konvrt.Portal.IntegrationTests.Features.Admin;

public sealed class AdminCliTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>The CLI as a self-hoster runs it, over this host's data folder and database.</summary>
    private Task<PortalProcess.CommandResult> Admin(params string[] arguments) =>
        PortalProcess.RunAsync(portal.Paths.DataRoot, arguments, settings: portal.Database?.Settings);

    [Fact]
    public async Task A_user_made_by_the_admin_cli_can_log_in_to_the_dashboard()
    {
        _ = portal.Services; // the portal is up over the same data folder, as on a live server

        var created = await Admin(
            "admin", "create-user", "--email", "ops@example.com", "--password", "cli made password", "--admin");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("Created ops@example.com (admin)", created.Output);
        var dashboard = await portal.NewBrowser().LogInAsync("ops@example.com", "cli made password");
        Assert.Equal("/dashboard", dashboard.Path);
        Assert.Contains("ops's workspace", dashboard.Text);
    }

    [Fact]
    public async Task A_duplicate_email_is_a_one_line_error_and_a_non_zero_exit()
    {
        var first = await Admin("admin", "create-user", "--email", "dup@example.com", "--password", "first password");
        Assert.Equal(0, first.ExitCode);

        var second = await Admin("admin", "create-user", "--email", "dup@example.com", "--password", "second password");

        Assert.NotEqual(0, second.ExitCode);
        Assert.StartsWith("error:", second.Error.Trim());
        Assert.Contains("dup@example.com", second.Error);
        Assert.DoesNotContain("   at ", second.Error);
    }

    [Fact]
    public async Task Missing_or_invalid_arguments_are_refused_with_a_message_and_a_non_zero_exit()
    {
        var noPassword = await Admin("admin", "create-user", "--email", "x@example.com");
        Assert.NotEqual(0, noPassword.ExitCode);
        Assert.Contains("--password", noPassword.Error);

        var badPlan = await Admin("admin", "set-plan", "--email", "x@example.com", "--plan", "gold");
        Assert.NotEqual(0, badPlan.ExitCode);
        Assert.Contains("gold", badPlan.Error);

        var unknownUser = await Admin("admin", "set-plan", "--email", "nobody@example.com", "--plan", "pro");
        Assert.NotEqual(0, unknownUser.ExitCode);
        Assert.Contains("nobody@example.com", unknownUser.Error);
    }

    [Fact]
    public async Task Set_plan_changes_the_workspace_plan_that_list_users_reports()
    {
        await Admin("admin", "create-user", "--email", "carol@example.com", "--password", "carol's password");

        var setPlan = await Admin("admin", "set-plan", "--email", "carol@example.com", "--plan", "pro");
        var list = await Admin("admin", "list-users");

        Assert.True(setPlan.ExitCode == 0, setPlan.Error);
        Assert.Contains("carol's workspace is now on the pro plan", setPlan.Output);
        var carol = list.Output.Split('\n').Single(line => line.StartsWith("carol@example.com", StringComparison.Ordinal));
        Assert.Matches(@"carol@example\.com\s+yes\s+no\s+pro\s+carol's workspace", carol);
    }

    [Fact]
    public async Task Grant_credits_adds_them_to_the_user_s_workspace_through_the_ledger_with_the_reason()
    {
        _ = portal.Services;
        var created = await Admin("admin", "create-user", "--email", "grantee@example.com", "--password", "grantee password");
        Assert.Equal(0, created.ExitCode);

        var granted = await Admin("admin", "grant-credits", "--email", "grantee@example.com", "--credits", "250", "--reason", "Launch promotion");

        Assert.True(granted.ExitCode == 0, granted.Error);
        Assert.Contains("Granted 250 credits", granted.Output);
        Assert.Contains("balance is now 350", granted.Output);
        var workspaces = portal.Services.GetRequiredService<Konvrt.Portal.Features.Workspaces.WorkspaceDirectory>();
        await using var users = await portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Konvrt.Portal.Infrastructure.Database.PortalDbContext>>().CreateDbContextAsync();
        var userId = users.Users.Single(user => user.Email == "grantee@example.com").Id;
        var workspace = (await workspaces.FindCallerAsync(userId))!.WorkspaceId;
        var (entries, _) = await portal.Services.GetRequiredService<Konvrt.Portal.Features.Billing.CreditLedger>().EntriesAsync(workspace, 0, 5, CancellationToken.None);
        Assert.Equal(("Launch promotion", 250, 350), (entries[0].Description, entries[0].Credits, entries[0].BalanceAfter));

        var zero = await Admin("admin", "grant-credits", "--email", "grantee@example.com", "--credits", "0");
        Assert.NotEqual(0, zero.ExitCode);
        Assert.Contains("--credits", zero.Error);
    }

    [Fact]
    public async Task A_team_is_made_staffed_listed_and_trimmed_from_the_cli_and_every_step_is_audited()
    {
        _ = portal.Services;
        foreach (var email in new[] { "lead@example.com", "dev@example.com", "reader@example.com" })
        {
            Assert.Equal(0, (await Admin("admin", "create-user", "--email", email, "--password", "team cli password")).ExitCode);
        }

        var created = await Admin("admin", "create-workspace", "--owner", "lead@example.com", "--name", "Catalogue", "--plan", "team");
        var developer = await Admin("admin", "add-member", "--workspace", "Catalogue", "--email", "dev@example.com", "--role", "developer");
        var reader = await Admin("admin", "add-member", "--workspace", "Catalogue", "--email", "reader@example.com", "--role", "viewer");
        var key = await Admin("admin", "create-key", "--email", "dev@example.com", "--name", "ci", "--test", "--workspace", "Catalogue");
        var viewerKey = await Admin("admin", "create-key", "--email", "reader@example.com", "--name", "ci", "--test", "--workspace", "Catalogue");
        var removed = await Admin("admin", "remove-member", "--workspace", "Catalogue", "--email", "reader@example.com");
        var list = await Admin("admin", "list-members", "--workspace", "Catalogue");

        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("Created Catalogue", created.Output);
        Assert.Contains("team plan, owned by lead@example.com", created.Output);
        Assert.True(developer.ExitCode == 0, developer.Error);
        Assert.True(reader.ExitCode == 0, reader.Error);
        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Matches(@"lead@example\.com\s+owner", list.Output);
        Assert.Matches(@"dev@example\.com\s+developer", list.Output);
        Assert.DoesNotContain("reader@example.com", list.Output);
        Assert.True(key.ExitCode == 0, key.Error);
        Assert.Contains("Created key 'ci' (kvt_test_", key.Output);
        Assert.Contains("for Catalogue", key.Output);
        Assert.NotEqual(0, viewerKey.ExitCode);
        Assert.Contains("Viewer has no API keys", viewerKey.Error);
        var secret = key.Output.Trim().Split('\n')[^1];
        Assert.StartsWith("kvt_test_", secret, StringComparison.Ordinal);
        var workspace = (await portal.Services.GetRequiredService<Konvrt.Portal.Features.Workspaces.WorkspaceDirectory>().FindByNameAsync("Catalogue")).Single();
        var audit = await portal.Services.GetRequiredService<Konvrt.Portal.Features.Workspaces.AuditTrail>().PageAsync(workspace.Id, null, null, 0, 20, CancellationToken.None);
        Assert.Equal(["workspace.created", "member.added", "member.added", "api-key.created", "member.removed"],
            audit.Entries.Select(entry => entry.Action).Reverse());
        Assert.All(audit.Entries, entry => Assert.Equal("administrator (CLI)", entry.Actor));
    }

    [Fact]
    public async Task A_second_member_without_the_team_plan_an_unknown_role_or_workspace_are_one_line_errors()
    {
        foreach (var email in new[] { "solo@example.com", "extra@example.com" })
        {
            Assert.Equal(0, (await Admin("admin", "create-user", "--email", email, "--password", "team cli password")).ExitCode);
        }
        Assert.Equal(0, (await Admin("admin", "create-workspace", "--owner", "solo@example.com", "--name", "Solo shop", "--plan", "pro")).ExitCode);

        var notTeam = await Admin("admin", "add-member", "--workspace", "Solo shop", "--email", "extra@example.com", "--role", "developer");
        var badRole = await Admin("admin", "add-member", "--workspace", "Solo shop", "--email", "extra@example.com", "--role", "superuser");
        var noWorkspace = await Admin("admin", "list-members", "--workspace", "Nowhere");
        var liveOnFree = await Admin("admin", "create-key", "--email", "extra@example.com", "--name", "live");

        Assert.NotEqual(0, notTeam.ExitCode);
        Assert.Equal("error: Members beyond the owner need the Team plan. Upgrade the workspace on the Billing page.", notTeam.Error.Trim());
        Assert.NotEqual(0, badRole.ExitCode);
        Assert.Contains("superuser", badRole.Error);
        Assert.NotEqual(0, noWorkspace.ExitCode);
        Assert.Equal("error: No workspace named 'Nowhere'.", noWorkspace.Error.Trim());
        Assert.NotEqual(0, liveOnFree.ExitCode);
        Assert.Contains("--test", liveOnFree.Error);
        foreach (var failure in new[] { notTeam, noWorkspace, liveOnFree })
        {
            Assert.Single(failure.Error.Trim().Split('\n'));
        }
    }
}
