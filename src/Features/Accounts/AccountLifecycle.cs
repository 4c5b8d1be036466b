using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Konvrt.Portal.Features.Accounts;

/// <summary>
/// Creates and deletes accounts together with their personal workspace, in one transaction: a user never
/// exists without a workspace to act in, and a deleted user leaves no orphaned workspace behind.
/// </summary>
public sealed class AccountLifecycle(
    UserManager<PortalUser> users, PortalDbContext db, WorkspaceDirectory workspaces, TimeProvider clock)
{
    public async Task<(IdentityResult Result, PortalUser User)> RegisterAsync(
        string email, string password, bool emailConfirmed = false, CancellationToken cancellationToken = default)
    {
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = emailConfirmed,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (result, user);
        }
        workspaces.AddPersonalWorkspace(db, user);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, user);
    }

    public async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await workspaces.DeletePersonalWorkspacesAsync(db, user.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }
}
