using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Workspaces;

/// <summary>The Workspaces feature's public service: creating, finding and changing workspaces.</summary>
public sealed class WorkspaceDirectory(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
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

    /// <summary>
    /// The workspace a signed-in user acts in: their personal one for now. Team workspaces will add a
    /// choice here, and every caller of this method follows it.
    /// </summary>
    public async Task<Caller?> FindCallerAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from member in db.WorkspaceMembers
            join workspace in db.Workspaces on member.WorkspaceId equals workspace.Id
            join user in db.Users on member.UserId equals user.Id
            where member.UserId == userId
            select new { workspace, member.Role, user.Email })
            .ToListAsync(cancellationToken);
        var chosen = rows
            .OrderByDescending(row => row.workspace.IsPersonal)
            .ThenBy(row => row.workspace.CreatedAt)
            .FirstOrDefault();
        return chosen is null
            ? null
            : new Caller(userId, chosen.Email ?? "", chosen.workspace.Id, chosen.workspace.Name, chosen.Role, chosen.workspace.Plan);
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

    public async Task<bool> SetPlanAsync(Guid workspaceId, WorkspacePlan plan, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Workspaces
            .Where(w => w.Id == workspaceId)
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.Plan, plan), cancellationToken);
        return updated == 1;
    }

    /// <summary>Removes the personal workspaces the user owns, with everything in them, before the account goes.</summary>
    public async Task DeletePersonalWorkspacesAsync(PortalDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var personal = await db.Workspaces
            .Where(w => w.IsPersonal && w.Members.Any(m => m.UserId == userId && m.Role == WorkspaceRole.Owner))
            .ToListAsync(cancellationToken);
        db.Workspaces.RemoveRange(personal);
    }
}
