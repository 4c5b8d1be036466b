using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// A workspace's members and their roles. Every change checks the acting member's current role and the workspace's
/// plan in its own transaction, writes its audit line there, and never leaves a workspace without an owner.
/// </summary>
public sealed class TeamMembers(
    IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, IEnumerable<IMembershipHooks> hooks, TimeProvider clock)
{
    public async Task<IReadOnlyList<WorkspaceMemberView>> ListAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from member in db.WorkspaceMembers
            join user in db.Users on member.UserId equals user.Id
            where member.WorkspaceId == workspaceId
            select new WorkspaceMemberView(member.UserId, user.Email ?? "", member.Role, member.JoinedAt))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(row => row.Role).ThenBy(row => row.JoinedAt)];
    }

    /// <summary>Adds a member (an accepted invitation, or the CLI); a workspace beyond its owner needs the Team plan.</summary>
    public async Task<TeamOutcome> AddAsync(Acting acting, string userId, string email, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workspace = await db.Workspaces.Include(w => w.Members).SingleAsync(w => w.Id == acting.WorkspaceId, cancellationToken);
        if (workspace.Members.Any(m => m.UserId == userId))
        {
            return TeamOutcome.Refused($"{email} is already a member of {workspace.Name}.");
        }
        if (workspace.Members.Count > 0 && !workspace.Plan.AllowsMembers())
        {
            return TeamOutcome.NeedsTeamPlan;
        }
        AddMember(db, workspace, userId, role);
        audit.Add(db, workspace.Id, acting.Actor, AuditActions.MemberAdded, email, role.Label());
        await db.SaveChangesAsync(cancellationToken);
        return TeamOutcome.Done;
    }

    /// <summary>Adds the member to <paramref name="db"/> (the caller saves): for an invitation accepted in its own transaction.</summary>
    internal void AddMember(PortalDbContext db, Workspace workspace, string userId, WorkspaceRole role) =>
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspace.Id, UserId = userId, Role = role, JoinedAt = clock.GetUtcNow() });

    public async Task<TeamOutcome> ChangeRoleAsync(Acting acting, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (members, actingRole) = await LoadAsync(db, acting, cancellationToken);
        var member = members.SingleOrDefault(m => m.UserId == userId);
        if (actingRole is not { } allowed || !allowed.Allows(WorkspaceAction.ManageMembers))
        {
            return TeamOutcome.NotAllowed;
        }
        if (member is null)
        {
            return TeamOutcome.NoSuchMember;
        }
        if ((role == WorkspaceRole.Owner || member.Role == WorkspaceRole.Owner) && allowed != WorkspaceRole.Owner)
        {
            return TeamOutcome.Refused("Only an owner can make or unmake an owner.");
        }
        if (member.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner && members.Count(m => m.Role == WorkspaceRole.Owner) == 1)
        {
            return TeamOutcome.LastOwner;
        }
        if (member.Role == role)
        {
            return TeamOutcome.Done;
        }
        audit.Add(db, acting.WorkspaceId, acting.Actor, AuditActions.MemberRoleChanged, await EmailOfAsync(db, userId, cancellationToken),
            $"{member.Role.Label()} → {role.Label()}");
        member.Role = role;
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(acting.WorkspaceId, cancellationToken);
        return TeamOutcome.Done;
    }

    /// <summary>Removes a member, or lets one leave (<paramref name="userId"/> is the acting member's own). Access ends at once.</summary>
    public async Task<TeamOutcome> RemoveAsync(Acting acting, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (members, actingRole) = await LoadAsync(db, acting, cancellationToken);
        var member = members.SingleOrDefault(m => m.UserId == userId);
        var leaving = userId == acting.UserId;
        if (actingRole is not { } allowed || (!leaving && !allowed.Allows(WorkspaceAction.ManageMembers)))
        {
            return TeamOutcome.NotAllowed;
        }
        if (member is null)
        {
            return TeamOutcome.NoSuchMember;
        }
        if (member.Role == WorkspaceRole.Owner && !leaving && allowed != WorkspaceRole.Owner)
        {
            return TeamOutcome.Refused("Only an owner can remove an owner.");
        }
        if (member.Role == WorkspaceRole.Owner && members.Count(m => m.Role == WorkspaceRole.Owner) == 1)
        {
            return TeamOutcome.LastOwner;
        }
        var email = await EmailOfAsync(db, userId, cancellationToken);
        db.WorkspaceMembers.Remove(member);
        audit.Add(db, acting.WorkspaceId, acting.Actor, leaving ? AuditActions.MemberLeft : AuditActions.MemberRemoved, email, member.Role.Label());
        foreach (var hook in hooks)
        {
            await hook.MemberLeavingAsync(db, acting.WorkspaceId, userId, acting.Actor, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ChangedAsync(acting.WorkspaceId, cancellationToken);
        return TeamOutcome.Done;
    }

    /// <summary>The acting owner hands the workspace to another member and stays on as an Admin.</summary>
    public async Task<TeamOutcome> TransferOwnershipAsync(Acting acting, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (members, actingRole) = await LoadAsync(db, acting, cancellationToken);
        if (actingRole != WorkspaceRole.Owner || acting.UserId is null)
        {
            return TeamOutcome.Refused("Only an owner can transfer ownership.");
        }
        var member = members.SingleOrDefault(m => m.UserId == userId);
        if (member is null || userId == acting.UserId)
        {
            return TeamOutcome.NoSuchMember;
        }
        var from = members.Single(m => m.UserId == acting.UserId);
        audit.Add(db, acting.WorkspaceId, acting.Actor, AuditActions.OwnershipTransferred, await EmailOfAsync(db, userId, cancellationToken),
            $"{member.Role.Label()} → Owner; {acting.Actor.Label} → Admin");
        member.Role = WorkspaceRole.Owner;
        from.Role = WorkspaceRole.Admin;
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(acting.WorkspaceId, cancellationToken);
        return TeamOutcome.Done;
    }

    /// <summary>The members, tracked, and the acting member's role as it is now (an administrator acts as an owner).</summary>
    private static async Task<(List<WorkspaceMember> Members, WorkspaceRole? ActingRole)> LoadAsync(
        PortalDbContext db, Acting acting, CancellationToken cancellationToken)
    {
        var members = await db.WorkspaceMembers.Where(m => m.WorkspaceId == acting.WorkspaceId).ToListAsync(cancellationToken);
        return (members, acting.RoleAmong(members));
    }

    private static async Task<string> EmailOfAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken) ?? userId;

    private async Task ChangedAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        foreach (var hook in hooks)
        {
            await hook.MembersChangedAsync(workspaceId, cancellationToken);
        }
    }
}
