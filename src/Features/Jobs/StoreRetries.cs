using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Tries again the outputs whose upload to a storage destination failed, when their turn on
/// <see cref="JobsOptions.StoreRetrySchedule"/> comes, as webhooks are retried. Each is claimed with a conditional
/// update, so several hosts over one database never upload the same output at once.
/// </summary>
public sealed class StoreRetries(
    IDbContextFactory<PortalDbContext> contexts, OutputStorage storage, IOptions<JobsOptions> options, TimeProvider clock, ILogger<StoreRetries> logger)
    : BackgroundService
{
    private const int PerRound = 16;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Tries every upload due now; returns how many were tried.</summary>
    public async Task<int> RetryDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Set<JobOutput>().AsNoTracking()
            .Where(output => output.StoreStatus == StoreStatus.Retrying && output.StoreNextAttemptAt <= now
                && (output.StoreLeaseExpiresAt == null || output.StoreLeaseExpiresAt < now))
            .OrderBy(output => output.StoreNextAttemptAt).Take(PerRound)
            .Select(output => new { output.JobId, output.Index }).ToListAsync(cancellationToken);
        var tried = 0;
        foreach (var candidate in due)
        {
            var claimed = await db.Set<JobOutput>()
                .Where(output => output.JobId == candidate.JobId && output.Index == candidate.Index && output.StoreStatus == StoreStatus.Retrying
                    && (output.StoreLeaseExpiresAt == null || output.StoreLeaseExpiresAt < now))
                .ExecuteUpdateAsync(set => set.SetProperty(output => output.StoreLeaseExpiresAt, now + Lease), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            var job = await db.Jobs.AsNoTracking().SingleAsync(job => job.Id == candidate.JobId, cancellationToken);
            var output = job.Outputs.Single(output => output.Index == candidate.Index);
            await storage.StoreAsync(job, output, await storage.DestinationOfAsync(job, cancellationToken), cancellationToken);
            await JobLifecycle.SaveOutputAsync(db, output, cancellationToken);
            if (output.StoreStatus == StoreStatus.Failed)
            {
                logger.LogWarning("Gave up storing output {Output} of job {JobId} after {Attempts} attempts", output.Name, job.Id, output.StoreAttempts);
            }
            tried++;
        }
        return tried;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.StoreRetryPollSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await RetryDueAsync(stoppingToken) == PerRound)
                {
                    // A full batch: there may be more due right now.
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Retrying uploads to storage failed; trying again shortly");
            }
        }
    }
}
