using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Billing;

/// <summary>
/// Told, inside the transaction that closes a low-balance alert, that a workspace's credits run low. The
/// webhooks feature records its <c>credits.low</c> event through this seam, which Billing owns.
/// </summary>
public interface ILowBalanceSubscriber
{
    Task CreditsLowAsync(PortalDbContext db, Guid workspaceId, int balance, int threshold, CancellationToken cancellationToken);
}
