using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// <c>Jobs:Workers</c> loops that claim and run jobs. At shutdown they take no new job; a running job
/// gets until the host's shutdown timeout to finish, and is released back to the queue after that.
/// </summary>
public sealed class JobWorkers : BackgroundService
{
    private readonly CancellationTokenSource abandon = new();
    private readonly JobLifecycle lifecycle;
    private readonly JobProcessor processor;
    private readonly JobSignal signal;
    private readonly IOptions<JobsOptions> options;
    private readonly ILogger<JobWorkers> logger;
    /// <summary>Workers of this instance running a job right now.</summary>
    private int busy;

    public JobWorkers(
        JobLifecycle lifecycle, JobProcessor processor, JobSignal signal, IOptions<JobsOptions> options, ILogger<JobWorkers> logger,
        KonvrtMetrics metrics, QueueMonitor queue)
    {
        queue.Observe(metrics);
        (this.lifecycle, this.processor, this.signal, this.options, this.logger) = (lifecycle, processor, signal, options, logger);
        metrics.Observe("konvrt.workers.busy", () => Volatile.Read(ref busy), "Workers of this instance converting a job right now.");
        metrics.Observe("konvrt.workers", () => options.Value.Workers, "Workers this instance runs (Jobs:Workers).");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(worker => RunAsync(JobHost.Owner($"{worker}"), stoppingToken)));

    /// <summary>Time for an abandoned job to write down its release before the host tears its services down.</summary>
    private static readonly TimeSpan ReleaseGrace = TimeSpan.FromSeconds(10);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(abandon.Cancel))
        {
            await base.StopAsync(cancellationToken);
        }
        if (ExecuteTask is { IsCompleted: false } running)
        {
            await Task.WhenAny(running, Task.Delay(ReleaseGrace, CancellationToken.None));
        }
    }

    public override void Dispose()
    {
        abandon.Dispose();
        base.Dispose();
    }

    private async Task RunAsync(string owner, CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await lifecycle.TryClaimNextAsync(owner, stoppingToken) is { } lease)
                {
                    Interlocked.Increment(ref busy);
                    try
                    {
                        await processor.ProcessAsync(lease, abandon.Token);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref busy);
                    }
                    continue;
                }
                await signal.WaitAsync(idle, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                // The loop must outlive any one failure (a database hiccup): the job stays in the queue.
                logger.LogError(exception, "Worker {Owner} hit an error; carrying on", owner);
                await Task.Delay(idle, CancellationToken.None);
            }
        }
    }
}
