using Konvrt.Portal.Infrastructure;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The Notify stage's seam: whoever must hear of a finished job (webhooks) writes it down in the same
/// transaction that marks the job notified, so a notification is neither lost in a crash nor written twice.
/// </summary>
public interface IJobNotifications
{
    Task EnqueueAsync(PortalDbContext db, ConversionJob job, CancellationToken cancellationToken);
}
