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
}
