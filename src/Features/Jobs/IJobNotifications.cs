using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The Notify stage's seam: whoever must hear of a finished job or batch (webhooks) writes it down in the same
/// transaction that marks it notified, so a notification is neither lost in a crash nor written twice.
/// </summary>
public interface IJobNotifications
{
    Task EnqueueAsync(PortalDbContext db, ConversionJob job, CancellationToken cancellationToken);

    /// <summary>Every job of <paramref name="batch"/> has ended (and been notified).</summary>
    Task EnqueueBatchAsync(PortalDbContext db, Batch batch, IReadOnlyList<ConversionJob> jobs, CancellationToken cancellationToken);
}
