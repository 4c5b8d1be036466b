using Konvrt.Portal.Features.Accounts;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Admin;

/// <summary>A user as the admin console lists them.</summary>
public sealed record AdminUserRow(string Id, string Email, bool Confirmed, bool Locked, bool IsAdministrator, IReadOnlyList<string> Workspaces);

/// <summary>
/// Users across the site: find, confirm, lock and unlock, make or remove administrators. Identity's own
/// <see cref="UserManager{TUser}"/> makes each change (and renews the security stamp, so a locked user's open
/// sessions end at their next check); each is then written to the audit log of every workspace the user is in.
/// </summary>
public sealed class AdminUsers(
    UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<AdminUserRow>> SearchAsync(string? search, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        if (search is { Length: > 0 })
        {
            var needle = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Runs in the database as lower() and a substring search, never in .NET.
            query = query.Where(user => user.Email!.ToLower().Contains(needle));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var found = await query.OrderBy(user => user.Email).Take(take)
            .Select(user => new { user.Id, user.Email, user.EmailConfirmed, user.LockoutEnd }).ToListAsync(cancellationToken);
        var ids = found.Select(user => user.Id).ToList();
        var administrators = await (from userRole in db.UserRoles
                                    join role in db.Roles on userRole.RoleId equals role.Id
                                    where role.Name == PortalUser.AdminRole && ids.Contains(userRole.UserId)
                                    select userRole.UserId).ToListAsync(cancellationToken);
        var memberships = await (from member in db.WorkspaceMembers
                                 join workspace in db.Workspaces on member.WorkspaceId equals workspace.Id
                                 where ids.Contains(member.UserId)
                                 select new { member.UserId, workspace.Name }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. found.Select(user => new AdminUserRow(user.Id, user.Email ?? "", user.EmailConfirmed, user.LockoutEnd > now,
            administrators.Contains(user.Id), [.. memberships.Where(m => m.UserId == user.Id).Select(m => m.Name).Order(StringComparer.Ordinal)]))];
    }

    public Task<string?> ConfirmAsync(string userId, AuditActor admin, CancellationToken cancellationToken) =>
        ChangeAsync(userId, admin, AuditActions.UserConfirmed, async user =>
            user.EmailConfirmed ? IdentityResult.Success : await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user)),
            cancellationToken);

    /// <summary>Locks a user out until unlocked; their sessions end at the next check of their security stamp.</summary>
    public Task<string?> LockAsync(string userId, AuditActor admin, CancellationToken cancellationToken) =>
        ChangeAsync(userId, admin, AuditActions.UserLocked, async user =>
        {
            if (user.Id == admin.UserId)
            {
                return IdentityResult.Failed(new IdentityError { Description = "You cannot lock yourself out." });
            }
            var enabled = await users.SetLockoutEnabledAsync(user, true);
            return enabled.Succeeded ? await Stamped(user, await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)) : enabled;
        }, cancellationToken);

    public Task<string?> UnlockAsync(string userId, AuditActor admin, CancellationToken cancellationToken) =>
        ChangeAsync(userId, admin, AuditActions.UserUnlocked, async user =>
        {
            var ended = await users.SetLockoutEndDateAsync(user, null);
            return ended.Succeeded ? await users.ResetAccessFailedCountAsync(user) : ended;
        }, cancellationToken);

    public Task<string?> MakeAdministratorAsync(string userId, AuditActor admin, CancellationToken cancellationToken) =>
        ChangeAsync(userId, admin, AuditActions.AdministratorMade, async user =>
        {
            if (!await roles.RoleExistsAsync(PortalUser.AdminRole))
            {
                await roles.CreateAsync(new IdentityRole(PortalUser.AdminRole));
            }
            return await users.IsInRoleAsync(user, PortalUser.AdminRole) ? IdentityResult.Success : await users.AddToRoleAsync(user, PortalUser.AdminRole);
        }, cancellationToken);

    public Task<string?> RemoveAdministratorAsync(string userId, AuditActor admin, CancellationToken cancellationToken) =>
        ChangeAsync(userId, admin, AuditActions.AdministratorRemoved, async user =>
            user.Id == admin.UserId
                // Another administrator can do it: the site is never left without one by a slip.
                ? IdentityResult.Failed(new IdentityError { Description = "You cannot remove your own administrator role." })
                : await users.IsInRoleAsync(user, PortalUser.AdminRole) ? await users.RemoveFromRoleAsync(user, PortalUser.AdminRole) : IdentityResult.Success,
            cancellationToken);

    private async Task<IdentityResult> Stamped(PortalUser user, IdentityResult result) =>
        result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;

    /// <returns>Null when done; otherwise why not, in words.</returns>
    private async Task<string?> ChangeAsync(
        string userId, AuditActor admin, string action, Func<PortalUser, Task<IdentityResult>> change, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return "There is no such user any more.";
        }
        var result = await change(user);
        if (!result.Succeeded)
        {
            return string.Join(" ", result.Errors.Select(error => error.Description));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workspaces = await db.WorkspaceMembers.Where(member => member.UserId == userId).Select(member => member.WorkspaceId).ToListAsync(cancellationToken);
        foreach (var workspaceId in workspaces)
        {
            audit.Add(db, workspaceId, admin, action, user.Email ?? userId);
        }
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
