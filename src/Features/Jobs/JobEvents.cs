using System.Collections.Immutable;
using Konvrt.Portal.Infrastructure.Cluster;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>A job changed status. The portal's live updates and requests waiting for a job subscribe to these.</summary>
public sealed record JobChanged(Guid JobId, Guid WorkspaceId, JobStatus Status);

/// <summary>
/// Publish/subscribe for job changes, across instances: a change published on one instance reaches this
/// instance's subscribers at once and the other instances' through <see cref="IClusterMessages"/> (a request
/// waiting on instance A hears of the job instance B's worker finished). A failing subscriber is logged and never
/// breaks the job or the other subscribers.
/// </summary>
public sealed class JobEvents : IDisposable
{
    private const string Topic = "job-changed";
    private readonly IClusterMessages cluster;
    private readonly ILogger<JobEvents> logger;
    private readonly IDisposable remote;
    private ImmutableList<Func<JobChanged, CancellationToken, Task>> handlers = [];

    public JobEvents(IClusterMessages cluster, ILogger<JobEvents> logger)
    {
        this.cluster = cluster;
        this.logger = logger;
        remote = cluster.Subscribe(Topic, payload =>
        {
            if (Parse(payload) is { } change)
            {
                _ = DeliverAsync(change, CancellationToken.None);
            }
        });
    }

    public IDisposable Subscribe(Func<JobChanged, CancellationToken, Task> handler)
    {
        ImmutableInterlocked.Update(ref handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref handlers, list => list.Remove(handler)));
    }

    public async Task PublishAsync(JobChanged change, CancellationToken cancellationToken)
    {
        await DeliverAsync(change, cancellationToken);
        try
        {
            await cluster.SendAsync(Topic, $"{change.JobId:N} {change.WorkspaceId:N} {change.Status}", cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The other instances' waiters still find the change at their next poll.
            logger.LogWarning(exception, "Could not tell the other instances that job {JobId} became {Status}", change.JobId, change.Status);
        }
    }

    private async Task DeliverAsync(JobChanged change, CancellationToken cancellationToken)
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

    private static JobChanged? Parse(string payload) =>
        payload.Split(' ') is [var job, var workspace, var status]
            && Guid.TryParse(job, out var jobId) && Guid.TryParse(workspace, out var workspaceId)
            && Enum.TryParse<JobStatus>(status, out var jobStatus)
            ? new JobChanged(jobId, workspaceId, jobStatus)
            : null;

    public void Dispose() => remote.Dispose();

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
    }
}
