using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;

namespace Konvrt.Portal.Features.Accounts;

/// <summary>
/// Creates and deletes accounts in one transaction with whatever other features attach to them
/// (<see cref="IAccountLifecycleHooks"/>: a personal workspace), so neither exists without the other.
/// </summary>
public sealed class AccountLifecycle(
    UserManager<PortalUser> users, PortalDbContext db, IEnumerable<IAccountLifecycleHooks> hooks, TimeProvider clock)
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
        foreach (var hook in hooks)
        {
            await hook.AccountCreatedAsync(db, user, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, user);
    }

    public async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var hook in hooks)
        {
            await hook.AccountDeletingAsync(db, user, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }
}
