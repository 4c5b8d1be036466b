using System.CommandLine;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using Konvrt.Portal.Features.Billing;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Admin;

/// <summary>
/// <c>admin …</c>: what a self-hoster, a script or a test does without the portal. Output goes to stdout,
/// problems to stderr as one line with a non-zero exit code.
/// </summary>
internal static class AdminCommand
{
    public static Command Create(IServiceProvider services)
    {
        var admin = new Command("admin", "Administer users and workspaces.");
        admin.Add(CreateUser(services));
        admin.Add(SetPlan(services));
        admin.Add(ListUsers(services));
        admin.Add(CreateKey(services));
        admin.Add(GrantCredits(services));
        foreach (var team in TeamCommands.Create(services))
        {
            admin.Add(team);
        }
        return admin;
    }

    /// <summary>Admin verbs work on the database: bring it up to date first, as the portal does at start-up.</summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> OnDatabase(
        IServiceProvider services, Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, ct) =>
        {
            await services.GetRequiredService<PortalDatabase>().PrepareAsync(ct);
            return await action(parse, ct);
        };

    internal static Option<string> EmailOption() => new("--email") { Description = "The user's e-mail address.", Required = true };

    private static Command CreateUser(IServiceProvider services)
    {
        var email = EmailOption();
        var password = new Option<string>("--password") { Description = "At least 10 characters.", Required = true };
        var isAdmin = new Option<bool>("--admin") { Description = "Make the user a portal administrator." };
        var command = new Command("create-user", "Create a confirmed user with a personal workspace.") { email, password, isAdmin };
        command.SetAction(OnDatabase(services, async (parse, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountLifecycle>();
            var (result, user) = await accounts.RegisterAsync(parse.GetValue(email)!, parse.GetValue(password)!, emailConfirmed: true, ct);
            if (!result.Succeeded)
            {
                return Fail(parse, string.Join(" ", result.Errors.Select(error => error.Description)));
            }
            if (parse.GetValue(isAdmin) && await scope.ServiceProvider.GetRequiredService<AdminUsers>()
                    .MakeAdministratorAsync(user.Id, AuditActor.Administrator, ct) is { } refusal)
            {
                return Fail(parse, refusal);
            }
            parse.InvocationConfiguration.Output.WriteLine($"Created {user.Email}{(parse.GetValue(isAdmin) ? " (admin)" : "")}");
            return 0;
        }));
        return command;
    }

    private static Command SetPlan(IServiceProvider services)
    {
        var email = EmailOption();
        var plan = new Option<string>("--plan") { Description = "free, pro or team.", Required = true };
        plan.AcceptOnlyFromAmong("free", "pro", "team");
        var command = new Command("set-plan", "Set the plan of a user's personal workspace.") { email, plan };
        command.SetAction(OnDatabase(services, async (parse, ct) =>
        {
            var caller = await FindCallerAsync(services, parse.GetValue(email)!, ct);
            if (caller is null)
            {
                return Fail(parse, $"No user with the e-mail '{parse.GetValue(email)}'.");
            }
            var newPlan = Enum.Parse<WorkspacePlan>(parse.GetValue(plan)!, ignoreCase: true);
            await services.GetRequiredService<WorkspaceDirectory>().SetPlanAsync(caller.WorkspaceId, newPlan, AuditActor.Administrator, ct);
            parse.InvocationConfiguration.Output.WriteLine($"{caller.WorkspaceName} is now on the {newPlan.ToString().ToLowerInvariant()} plan");
            return 0;
        }));
        return command;
    }

    private static Command ListUsers(IServiceProvider services)
    {
        var command = new Command("list-users", "List every user with their workspace and plan.");
        command.SetAction(OnDatabase(services, async (parse, ct) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
            var adminIds = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where role.Name == PortalUser.AdminRole
                select userRole.UserId).ToListAsync(ct);
            var rows = await (
                from user in db.Users
                join member in db.WorkspaceMembers on user.Id equals member.UserId into memberships
                from member in memberships.DefaultIfEmpty()
                join workspace in db.Workspaces on member.WorkspaceId equals workspace.Id into workspaces
                from workspace in workspaces.DefaultIfEmpty()
                orderby user.Email
                select new { user.Id, user.Email, user.EmailConfirmed, Workspace = workspace.Name, Plan = (WorkspacePlan?)workspace.Plan })
                .ToListAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"EMAIL",-40} {"CONFIRMED",-9} {"ADMIN",-5} {"PLAN",-5} WORKSPACE");
            foreach (var row in rows)
            {
                output.WriteLine($"{row.Email,-40} {(row.EmailConfirmed ? "yes" : "no"),-9} {(adminIds.Contains(row.Id) ? "yes" : "no"),-5} {row.Plan?.ToString().ToLowerInvariant() ?? "-",-5} {row.Workspace ?? "-"}");
            }
            return 0;
        }));
        return command;
    }

    private static Command CreateKey(IServiceProvider services)
    {
        var email = EmailOption();
        var name = new Option<string>("--name") { Description = "What the key is for (shown in the key list).", Required = true };
        var test = new Option<bool>("--test") { Description = "A test key (kvt_test_…): works on every plan, charges nothing, limited." };
        var workspace = new Option<string?>("--workspace") { Description = "A workspace the user is a member of (its name or id); their current one when left out." };
        var command = new Command("create-key",
            "Create an API key that acts with the user's role in a workspace; the key is the last line of output.") { email, name, test, workspace };
        command.SetAction(OnDatabase(services, async (parse, ct) =>
        {
            var caller = await FindCallerAsync(services, parse.GetValue(email)!, ct);
            if (caller is null)
            {
                return Fail(parse, $"No user with the e-mail '{parse.GetValue(email)}'.");
            }
            if (parse.GetValue(workspace) is { } named)
            {
                var (found, refusal) = await TeamCommands.FindWorkspaceAsync(services, named, ct);
                if (found is null)
                {
                    return Fail(parse, refusal!);
                }
                caller = await services.GetRequiredService<WorkspaceDirectory>().FindCallerAsync(caller.UserId, found.Id, ct);
                if (caller is null)
                {
                    return Fail(parse, $"{parse.GetValue(email)} is not a member of {found.Name}.");
                }
            }
            if (!caller.Can(WorkspaceAction.UseApiKeys))
            {
                return Fail(parse, $"{caller.Email} is {caller.Role.WithArticle()} in {caller.WorkspaceName}, and {caller.Role.WithArticle()} has no API keys.");
            }
            var testKey = parse.GetValue(test);
            if (!testKey && !caller.Plan.AllowsLiveApi())
            {
                return Fail(parse, $"{caller.WorkspaceName} is on the {caller.Plan.ToString().ToLowerInvariant()} plan: live keys need pro or team. Use --test, or set-plan first.");
            }
            var created = await services.GetRequiredService<ApiKeyService>()
                .CreateAsync(caller.WorkspaceId, parse.GetValue(name)!, expiresAt: null, caller.UserId, testKey, AuditActor.Administrator, ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Created key '{created.Key.Name}' ({created.Key.Prefix}…) for {caller.WorkspaceName}. It is shown only this once:");
            output.WriteLine(created.Secret);
            return 0;
        }));
        return command;
    }

    private static Command GrantCredits(IServiceProvider services)
    {
        var email = EmailOption();
        var credits = new Option<int>("--credits") { Description = "How many credits to add (at least 1).", Required = true };
        credits.Validators.Add(result =>
        {
            if (result.GetValue(credits) < 1)
            {
                result.AddError("--credits must be at least 1.");
            }
        });
        var reason = new Option<string?>("--reason") { Description = "Why, as the ledger will show it." };
        var command = new Command("grant-credits", "Add credits to a user's workspace, recorded in its ledger.") { email, credits, reason };
        command.SetAction(OnDatabase(services, async (parse, ct) =>
        {
            var caller = await FindCallerAsync(services, parse.GetValue(email)!, ct);
            if (caller is null)
            {
                return Fail(parse, $"No user with the e-mail '{parse.GetValue(email)}'.");
            }
            var amount = parse.GetValue(credits);
            await services.GetRequiredService<CreditGrants>().GrantAsync(caller.WorkspaceId, amount, parse.GetValue(reason), AuditActor.Administrator, ct);
            var balance = await services.GetRequiredService<CreditLedger>().BalanceAsync(caller.WorkspaceId, ct);
            parse.InvocationConfiguration.Output.WriteLine($"Granted {amount} credits to {caller.WorkspaceName}; the balance is now {balance}");
            return 0;
        }));
        return command;
    }

    internal static async Task<Caller?> FindCallerAsync(IServiceProvider services, string email, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        return user is null ? null : await services.GetRequiredService<WorkspaceDirectory>().FindCallerAsync(user.Id, ct);
    }

    internal static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine($"error: {message}");
        return 1;
    }
}
