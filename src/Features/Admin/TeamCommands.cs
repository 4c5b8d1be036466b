using System.CommandLine;
using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Workspaces;
using Microsoft.AspNetCore.Identity;

namespace Konvrt.Portal.Features.Admin;

/// <summary>
/// <c>admin create-workspace | add-member | list-members | remove-member</c>: teams for self-hosters' scripts, with
/// the portal's own rules (members beyond the owner need the Team plan; a workspace keeps an owner).
/// </summary>
internal static class TeamCommands
{
    private static readonly string[] PlanNames = ["free", "pro", "team"];
    private static readonly string[] RoleNames = [.. Enum.GetNames<WorkspaceRole>().Select(name => name.ToLowerInvariant())];

    public static IEnumerable<Command> Create(IServiceProvider services) =>
        [CreateWorkspace(services), AddMember(services), ListMembers(services), RemoveMember(services)];

    private static Option<string> WorkspaceOption() =>
        new("--workspace") { Description = "The workspace's name (or its id).", Required = true };

    private static Command CreateWorkspace(IServiceProvider services)
    {
        var owner = new Option<string>("--owner") { Description = "The e-mail address of its owner, a user already.", Required = true };
        var name = new Option<string>("--name") { Description = "The workspace's name.", Required = true };
        var plan = new Option<string>("--plan") { Description = "free (the default), pro or team.", DefaultValueFactory = _ => "free" };
        plan.AcceptOnlyFromAmong(PlanNames);
        var command = new Command("create-workspace", "Create a team workspace owned by a user.") { owner, name, plan };
        command.SetAction(AdminCommand.OnDatabase(services, async (parse, ct) =>
        {
            var user = await FindUserAsync(services, parse.GetValue(owner)!);
            if (user is null)
            {
                return AdminCommand.Fail(parse, $"No user with the e-mail '{parse.GetValue(owner)}'.");
            }
            var workspace = await services.GetRequiredService<WorkspaceDirectory>().CreateTeamAsync(
                user.Id, parse.GetValue(name)!, Enum.Parse<WorkspacePlan>(parse.GetValue(plan)!, ignoreCase: true), AuditActor.Administrator, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"Created {workspace.Name} ({workspace.Id}) on the {workspace.Plan.ToString().ToLowerInvariant()} plan, owned by {user.Email}");
            return 0;
        }));
        return command;
    }

    private static Command AddMember(IServiceProvider services)
    {
        var workspace = WorkspaceOption();
        var email = AdminCommand.EmailOption();
        var role = new Option<string>("--role") { Description = "owner, admin, developer or viewer.", Required = true };
        role.AcceptOnlyFromAmong(RoleNames);
        var command = new Command("add-member", "Add a user to a workspace with a role (members beyond the owner need the Team plan).") { workspace, email, role };
        command.SetAction(AdminCommand.OnDatabase(services, async (parse, ct) =>
        {
            var (found, user, refusal) = await FindAsync(services, parse.GetValue(workspace)!, parse.GetValue(email)!, ct);
            if (refusal is not null)
            {
                return AdminCommand.Fail(parse, refusal);
            }
            var chosen = Enum.Parse<WorkspaceRole>(parse.GetValue(role)!, ignoreCase: true);
            var outcome = await services.GetRequiredService<TeamMembers>().AddAsync(Acting.Administrator(found!.Id), user!.Id, user.Email!, chosen, ct);
            if (!outcome.Succeeded)
            {
                return AdminCommand.Fail(parse, outcome.Refusal!);
            }
            parse.InvocationConfiguration.Output.WriteLine($"Added {user.Email} to {found.Name} as {chosen.Label()}");
            return 0;
        }));
        return command;
    }

    private static Command ListMembers(IServiceProvider services)
    {
        var workspace = WorkspaceOption();
        var command = new Command("list-members", "List a workspace's members and their roles.") { workspace };
        command.SetAction(AdminCommand.OnDatabase(services, async (parse, ct) =>
        {
            var found = await FindWorkspaceAsync(services, parse.GetValue(workspace)!, ct);
            if (found.Refusal is not null)
            {
                return AdminCommand.Fail(parse, found.Refusal);
            }
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"{"EMAIL",-40} {"ROLE",-9} JOINED");
            foreach (var member in await services.GetRequiredService<TeamMembers>().ListAsync(found.Workspace!.Id, ct))
            {
                output.WriteLine($"{member.Email,-40} {member.Role.ToString().ToLowerInvariant(),-9} {member.JoinedAt.UtcDateTime:yyyy-MM-dd}");
            }
            return 0;
        }));
        return command;
    }

    private static Command RemoveMember(IServiceProvider services)
    {
        var workspace = WorkspaceOption();
        var email = AdminCommand.EmailOption();
        var command = new Command("remove-member", "Remove a user from a workspace; the API keys they made stop working.") { workspace, email };
        command.SetAction(AdminCommand.OnDatabase(services, async (parse, ct) =>
        {
            var (found, user, refusal) = await FindAsync(services, parse.GetValue(workspace)!, parse.GetValue(email)!, ct);
            if (refusal is not null)
            {
                return AdminCommand.Fail(parse, refusal);
            }
            var outcome = await services.GetRequiredService<TeamMembers>().RemoveAsync(Acting.Administrator(found!.Id), user!.Id, ct);
            if (!outcome.Succeeded)
            {
                return AdminCommand.Fail(parse, outcome.Refusal!);
            }
            parse.InvocationConfiguration.Output.WriteLine($"Removed {user.Email} from {found.Name}");
            return 0;
        }));
        return command;
    }

    private static async Task<(Workspace? Workspace, PortalUser? User, string? Refusal)> FindAsync(
        IServiceProvider services, string workspace, string email, CancellationToken ct)
    {
        var found = await FindWorkspaceAsync(services, workspace, ct);
        if (found.Refusal is not null)
        {
            return (null, null, found.Refusal);
        }
        var user = await FindUserAsync(services, email);
        return user is null ? (null, null, $"No user with the e-mail '{email}'.") : (found.Workspace, user, null);
    }

    internal static async Task<(Workspace? Workspace, string? Refusal)> FindWorkspaceAsync(IServiceProvider services, string nameOrId, CancellationToken ct)
    {
        var directory = services.GetRequiredService<WorkspaceDirectory>();
        if (Guid.TryParse(nameOrId, out var id))
        {
            return await directory.FindAsync(id, ct) is { } byId ? (byId, null) : (null, $"No workspace with the id {id}.");
        }
        return await directory.FindByNameAsync(nameOrId, ct) switch
        {
            [] => (null, $"No workspace named '{nameOrId}'."),
            [var only] => (only, null),
            var several => (null, $"{several.Count} workspaces are named '{nameOrId}': name one by its id ({string.Join(", ", several.Select(w => w.Id))})."),
        };
    }

    private static async Task<PortalUser?> FindUserAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
    }
}
