using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// A host that dies between finishing a job and notifying it leaves the job unannounced. Every
/// <c>Jobs:StragglerSeconds</c> (a minute), any job finished longer ago than that and never notified is notified
/// here, by whichever host looks first; so is any batch whose jobs have all been notified while its own
/// <c>batch.completed</c> was not.
/// </summary>
public sealed class StragglerNotifier(JobLifecycle lifecycle, IOptions<JobsOptions> options, TimeProvider clock, ILogger<StragglerNotifier> logger)
    : BackgroundService
{
    private TimeSpan Every => TimeSpan.FromSeconds(options.Value.StragglerSeconds);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var stragglers = await lifecycle.UnnotifiedAsync(Every, cancellationToken);
        foreach (var jobId in stragglers)
        {
            await lifecycle.NotifyAsync(jobId, cancellationToken);
            logger.LogWarning("Job {JobId} finished without being notified; notified it now", jobId);
        }
        return stragglers.Count + await lifecycle.NotifyEndedBatchesAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The straggler sweep failed; trying again next minute");
            }
        }
    }
}
