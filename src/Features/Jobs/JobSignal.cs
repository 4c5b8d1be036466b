using System.Threading.Channels;
using Konvrt.Portal.Infrastructure.Cluster;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Wakes an idle worker the moment a job is queued, on this instance and (through <see cref="IClusterMessages"/>)
/// on the others. The database stays the queue: a lost or extra signal costs at most one poll interval, never a job.
/// </summary>
public sealed class JobSignal : IDisposable
{
    private const string Topic = "job-queued";
    private readonly IClusterMessages cluster;
    private readonly ILogger<JobSignal> logger;
    private readonly IDisposable remote;
    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public JobSignal(IClusterMessages cluster, ILogger<JobSignal> logger)
    {
        this.cluster = cluster;
        this.logger = logger;
        remote = cluster.Subscribe(Topic, _ => wakeUps.Writer.TryWrite(true));
    }

    public void Notify()
    {
        wakeUps.Writer.TryWrite(true);
        _ = TellOthersAsync();
    }

    private async Task TellOthersAsync()
    {
        try
        {
            await cluster.SendAsync(Topic, "", CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not wake the other instances' workers; they find the job at their next poll");
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await wakeUps.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => remote.Dispose();
}
