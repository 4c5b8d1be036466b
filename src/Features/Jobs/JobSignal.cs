using System.Threading.Channels;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Wakes an idle worker the moment a job is queued. The database stays the queue: a lost or extra
/// signal costs at most one poll interval, never a job.
/// </summary>
public sealed class JobSignal
{
    private readonly Channel<bool> wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => wakeUps.Writer.TryWrite(true);

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
}
