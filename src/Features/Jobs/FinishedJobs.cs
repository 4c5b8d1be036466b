using Konvrt.Portal.Infrastructure.Cluster;
using Microsoft.Extensions.Caching.Memory;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// Finished jobs as they will stay until they expire, so a client polling a job it already has the answer to (or
/// fetching it again to download) costs no database round trip. Only a settled job is kept: completed or failed,
/// announced, and with no upload to a storage destination still to come; a queued or running job is always read
/// afresh. Deleting a job forgets it here and, through <see cref="IClusterMessages"/>, on every other instance;
/// expiry is checked on each read against the job's own <c>ExpiresAt</c>.
/// </summary>
public sealed class FinishedJobs : IDisposable
{
    private const string ForgetTopic = "job-forgotten";
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly IClusterMessages cluster;
    private readonly TimeProvider clock;
    private readonly IDisposable remote;

    public FinishedJobs(IClusterMessages cluster, TimeProvider clock)
    {
        this.cluster = cluster;
        this.clock = clock;
        remote = cluster.Subscribe(ForgetTopic, payload =>
        {
            if (Guid.TryParse(payload, out var jobId))
            {
                cache.Remove(jobId);
            }
        });
    }

    public ConversionJob? Find(Guid jobId) =>
        cache.TryGetValue(jobId, out ConversionJob? job) && job!.ExpiresAt > clock.GetUtcNow() ? job : null;

    public void Remember(ConversionJob job)
    {
        if (job.Status is JobStatus.Completed or JobStatus.Failed
            && job.NotifiedAt is not null
            && job.ExpiresAt > clock.GetUtcNow()
            && job.Outputs.All(output => output.StoreStatus is null or StoreStatus.Stored or StoreStatus.Failed))
        {
            cache.Set(job.Id, job, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });
        }
    }

    /// <summary>The job was deleted or expired: forgotten here now, and on the other instances as soon as they hear.</summary>
    public async Task ForgetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        cache.Remove(jobId);
        await cluster.SendAsync(ForgetTopic, jobId.ToString("N"), cancellationToken);
    }

    public void Dispose()
    {
        remote.Dispose();
        cache.Dispose();
    }
}
