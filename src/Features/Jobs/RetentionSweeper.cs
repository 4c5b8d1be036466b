using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Deletes the files of finished jobs after <c>Jobs:RetentionHours</c>; the job rows stay, marked
/// expired, so the history keeps what happened without keeping anyone's images.
/// </summary>
public sealed class RetentionSweeper(
    IDbContextFactory<PortalDbContext> contexts,
    IBlobStore blobs,
    LocalDiskBlobStore disk,
    UploadSpool spool,
    Idempotency.IdempotencyStore idempotency,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    private const int PerRound = 200;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var due = await db.Jobs.AsNoTracking()
                .Where(job => job.ExpiredAt == null && job.ExpiresAt <= now
                    && (job.Status == JobStatus.Completed || job.Status == JobStatus.Failed))
                .Take(PerRound)
                .ToListAsync(cancellationToken);
            foreach (var job in due)
            {
                // Only the job's own files: an upload or output it shares from the cache is deleted with its owner,
                // which never expires before the jobs sharing it (they expire no later than what they share).
                if (job.InputBlob == BlobKeys.Input(job.WorkspaceId, job.Id))
                {
                    await blobs.DeleteAsync(job.InputBlob, cancellationToken);
                }
                foreach (var output in job.Outputs.Where(output => output is { Cached: false, Blob: not null }))
                {
                    await blobs.DeleteAsync(output.Blob!, cancellationToken);
                }
                expired += await db.Jobs
                    .Where(row => row.Id == job.Id && row.ExpiredAt == null)
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(row => row.Status, JobStatus.Expired)
                        .SetProperty(row => row.ExpiredAt, now), cancellationToken);
            }
            if (due.Count < PerRound)
            {
                break;
            }
        }
        disk.DeleteLeftovers(TimeSpan.FromHours(1));
        spool.DeleteLeftovers(TimeSpan.FromHours(1));
        await idempotency.SweepAsync(cancellationToken);
        if (expired > 0)
        {
            logger.LogInformation("Retention: deleted the files of {Count} jobs", expired);
        }
        return expired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Retention sweep failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
