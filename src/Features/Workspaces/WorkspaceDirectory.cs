using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>A workspace as the switcher lists it for one user.</summary>
public sealed record WorkspaceChoice(Guid Id, string Name, WorkspaceRole Role, bool IsPersonal, WorkspacePlan Plan);

/// <summary>The Workspaces feature's public service: creating, finding, choosing and changing workspaces.</summary>
public sealed class WorkspaceDirectory(
    IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, IEnumerable<IWorkspaceCleanup> cleanups, IEnumerable<IMembershipHooks> hooks,
    ILogger<WorkspaceDirectory> logger, TimeProvider clock)
{
    /// <summary>Adds the user's personal workspace to <paramref name="db"/>; the caller saves, so it commits with the user.</summary>
    public Workspace AddPersonalWorkspace(PortalDbContext db, PortalUser user)
    {
        var now = clock.GetUtcNow();
        var workspace = new Workspace
        {
            Name = PersonalWorkspaceName(user.Email ?? user.UserName ?? "My"),
            IsPersonal = true,
            CreatedAt = now,
        };
        workspace.Members.Add(new WorkspaceMember { UserId = user.Id, Role = WorkspaceRole.Owner, JoinedAt = now });
        db.Workspaces.Add(workspace);
        return workspace;
    }

    internal static string PersonalWorkspaceName(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var name = at > 0 ? email[..at] : email;
        return $"{name}'s workspace";
    }

    /// <summary>A team workspace, its creator its owner and now the workspace they act in.</summary>
    public async Task<Workspace> CreateTeamAsync(
        string ownerUserId, string name, WorkspacePlan plan, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var workspace = new Workspace { Name = name.Trim(), Plan = plan, CreatedAt = now };
        workspace.Members.Add(new WorkspaceMember { UserId = ownerUserId, Role = WorkspaceRole.Owner, JoinedAt = now });
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Workspaces.Add(workspace);
        audit.Add(db, workspace.Id, actor, AuditActions.WorkspaceCreated, workspace.Name, $"{plan.ToString().ToLowerInvariant()} plan");
        await db.SaveChangesAsync(cancellationToken);
        // Only once the workspace exists does its owner act in it.
        await db.Users.Where(user => user.Id == ownerUserId)
            .ExecuteUpdateAsync(set => set.SetProperty(user => user.CurrentWorkspaceId, workspace.Id), cancellationToken);
        return workspace;
    }

    /// <summary>
    /// The workspace a signed-in user acts in: the one chosen last in the switcher while they are still a member of
    /// it, else their personal one. Read fresh on every call: a removed member loses the workspace at once.
    /// </summary>
    public Task<Caller?> FindCallerAsync(string userId, CancellationToken cancellationToken = default) =>
        FindCallerAsync(userId, inWorkspace: null, cancellationToken);

    /// <summary>The user as a member of <paramref name="inWorkspace"/> (any of theirs when null); null when they are not one.</summary>
    public async Task<Caller?> FindCallerAsync(string userId, Guid? inWorkspace, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from member in db.WorkspaceMembers
            join workspace in db.Workspaces on member.WorkspaceId equals workspace.Id
            join user in db.Users on member.UserId equals user.Id
            where member.UserId == userId && (inWorkspace == null || member.WorkspaceId == inWorkspace)
            select new { workspace, member.Role, user.Email, user.CurrentWorkspaceId })
            .ToListAsync(cancellationToken);
        var chosen = rows
            .OrderByDescending(row => row.workspace.Id == row.CurrentWorkspaceId)
            .ThenByDescending(row => row.workspace.IsPersonal)
            .ThenBy(row => row.workspace.CreatedAt)
            .FirstOrDefault();
        return chosen is null
            ? null
            : new Caller(userId, chosen.Email ?? "", chosen.workspace.Id, chosen.workspace.Name, chosen.Role, chosen.workspace.Plan, chosen.workspace.IsPersonal);
    }

    /// <summary>Every workspace the user belongs to, personal first, for the switcher.</summary>
    public async Task<IReadOnlyList<WorkspaceChoice>> ListForAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from member in db.WorkspaceMembers
            join workspace in db.Workspaces on member.WorkspaceId equals workspace.Id
            where member.UserId == userId
            select new { workspace.Id, workspace.Name, member.Role, workspace.IsPersonal, workspace.Plan, workspace.CreatedAt })
            .ToListAsync(cancellationToken);
        return
        [
            .. rows.OrderByDescending(row => row.IsPersonal).ThenBy(row => row.CreatedAt)
                .Select(row => new WorkspaceChoice(row.Id, row.Name, row.Role, row.IsPersonal, row.Plan)),
        ];
    }

    /// <summary>Remembers the user's choice; false (nothing changed) when they are not a member of it.</summary>
    public async Task<bool> SwitchAsync(string userId, Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.WorkspaceMembers.AnyAsync(member => member.UserId == userId && member.WorkspaceId == workspaceId, cancellationToken))
        {
            return false;
        }
        await db.Users.Where(user => user.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(user => user.CurrentWorkspaceId, workspaceId), cancellationToken);
        return true;
    }

    /// <summary>The e-mail addresses of the workspace's owners: who is told when something needs their hand.</summary>
    public async Task<IReadOnlyList<string>> OwnerEmailsAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
            from member in db.WorkspaceMembers
            join user in db.Users on member.UserId equals user.Id
            where member.WorkspaceId == workspaceId && member.Role == WorkspaceRole.Owner && user.Email != null
            select user.Email!).ToListAsync(cancellationToken);
    }

    public async Task<Workspace?> FindAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, cancellationToken);
    }

    /// <summary>Workspaces by name, for the admin CLI; names are not unique, so there may be several.</summary>
    public async Task<IReadOnlyList<Workspace>> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Workspaces.AsNoTracking().Where(w => w.Name == name).OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Changes the plan and records it in the workspace's audit log, in one transaction.</summary>
    public async Task<bool> SetPlanAsync(Guid workspaceId, WorkspacePlan plan, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workspace = await db.Workspaces.SingleOrDefaultAsync(w => w.Id == workspaceId, cancellationToken);
        if (workspace is null)
        {
            return false;
        }
        if (workspace.Plan != plan)
        {
            audit.Add(db, workspaceId, actor, AuditActions.PlanChanged, workspace.Name,
                $"{workspace.Plan.ToString().ToLowerInvariant()} → {plan.ToString().ToLowerInvariant()}");
            workspace.Plan = plan;
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Deletes a team workspace with everything in it: jobs and their files, keys, webhooks, destinations, presets,
    /// credits, the audit log. Its owner only, and not while a paid plan is running (cancel it first, or Stripe would
    /// keep charging for a workspace that is gone); a personal workspace goes with its account instead.
    /// </summary>
    public async Task<TeamOutcome> DeleteTeamAsync(Acting acting, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workspace = await db.Workspaces.Include(w => w.Members).SingleOrDefaultAsync(w => w.Id == acting.WorkspaceId, cancellationToken);
        if (workspace is null || acting.RoleAmong(workspace.Members) is not { } allowed || !allowed.Allows(WorkspaceAction.OwnWorkspace))
        {
            return TeamOutcome.Refused("Only an owner can delete the workspace.");
        }
        if (workspace.IsPersonal)
        {
            return TeamOutcome.Refused("A personal workspace goes with its account: delete the account instead.");
        }
        if (workspace.Plan != WorkspacePlan.Free)
        {
            return TeamOutcome.Refused($"{workspace.Name} is on the {workspace.Plan} plan: cancel the subscription on the Billing page first.");
        }
        var afterwards = new List<Func<CancellationToken, Task>>();
        foreach (var cleanup in cleanups)
        {
            afterwards.Add(await cleanup.PrepareAsync(db, workspace.Id, cancellationToken));
        }
        db.Workspaces.Remove(workspace);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Workspace {WorkspaceId} deleted by {Actor}", workspace.Id, acting.UserId ?? "the administrator");
        foreach (var hook in hooks)
        {
            await hook.MembersChangedAsync(workspace.Id, cancellationToken);
        }
        foreach (var then in afterwards)
        {
            await then(cancellationToken);
        }
        return TeamOutcome.Done;
    }

    /// <summary>
    /// Before the account goes: its personal workspaces, and team workspaces it is the only member of, go with everything
    /// in them; a team it was the last owner of passes to its longest-standing member, so no team is left without one.
    /// </summary>
    public async Task DeleteOrHandOverAsync(PortalDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var owned = await db.Workspaces.Include(w => w.Members)
            .Where(w => w.Members.Any(m => m.UserId == userId && m.Role == WorkspaceRole.Owner))
            .ToListAsync(cancellationToken);
        foreach (var workspace in owned)
        {
            var others = workspace.Members.Where(m => m.UserId != userId).OrderBy(m => m.JoinedAt).ToList();
            if (workspace.IsPersonal || others.Count == 0)
            {
                db.Workspaces.Remove(workspace);
            }
            else if (others.All(m => m.Role != WorkspaceRole.Owner))
            {
                others[0].Role = WorkspaceRole.Owner;
            }
        }
    }
}
