using System.Collections.Immutable;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>A job changed status. Webhooks and the portal's live updates subscribe to these.</summary>
public sealed record JobChanged(Guid JobId, Guid WorkspaceId, JobStatus Status, string? WebhookUrl);

/// <summary>
/// In-process publish/subscribe for job changes. A failing subscriber is logged and never breaks the job
/// or the other subscribers.
/// </summary>
public sealed class JobEvents(ILogger<JobEvents> logger)
{
    private ImmutableList<Func<JobChanged, CancellationToken, Task>> handlers = [];

    public IDisposable Subscribe(Func<JobChanged, CancellationToken, Task> handler)
    {
        ImmutableInterlocked.Update(ref handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref handlers, list => list.Remove(handler)));
    }

    public async Task PublishAsync(JobChanged change, CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler(change, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "A subscriber failed on job {JobId} becoming {Status}", change.JobId, change.Status);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
