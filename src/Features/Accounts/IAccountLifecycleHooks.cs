using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Accounts;

/// <summary>
/// What other features do when an account is created or deleted, inside the same transaction: the seam through
/// which Workspaces gives every new user a personal workspace without Accounts knowing what a workspace is.
/// </summary>
public interface IAccountLifecycleHooks
{
    Task AccountCreatedAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken);

    Task AccountDeletingAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken);
}
