using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>The queue as an operator watches it: what waits and since when, who converts, what got done lately.</summary>
public sealed record QueueSnapshot(int Waiting, TimeSpan? OldestWait, IReadOnlyList<InstanceLoad> Running, int CompletedLastHour, int FailedLastHour);

/// <summary>An instance (machine, process and start) and how many of its runners hold a job.</summary>
public sealed record InstanceLoad(string Instance, int Jobs);

/// <summary>
/// Reads the queue from the database, where every instance's jobs are: the admin console's figures and the
/// <c>konvrt_queue_depth</c> / <c>konvrt_queue_oldest_age_seconds</c> gauges (the same on every instance — the queue is
/// shared — so a dashboard takes their max, not their sum).
/// </summary>
public sealed class QueueMonitor(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>A scrape reads both gauges one after the other: one query answers them.</summary>
    private static readonly TimeSpan GaugeFreshness = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private (DateTimeOffset ReadAt, int Waiting, double OldestSeconds)? gauges;

    public async Task<QueueSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var (waiting, oldest) = await WaitingAsync(db, cancellationToken);
        var owners = await db.Jobs.Where(job => job.Status == JobStatus.Processing && job.LeaseOwner != null)
            .Select(job => job.LeaseOwner!).ToListAsync(cancellationToken);
        var hourAgo = now.AddHours(-1);
        var finished = await db.Jobs.Where(job => job.CompletedAt >= hourAgo && (job.Status == JobStatus.Completed || job.Status == JobStatus.Failed))
            .GroupBy(job => job.Status).Select(group => new { Status = group.Key, Count = group.Count() }).ToListAsync(cancellationToken);
        return new QueueSnapshot(
            waiting,
            oldest is { } since ? now - since : null,
            [.. owners.GroupBy(JobHost.InstanceOf).Select(group => new InstanceLoad(group.Key, group.Count())).OrderBy(load => load.Instance, StringComparer.Ordinal)],
            finished.Where(f => f.Status == JobStatus.Completed).Sum(f => f.Count),
            finished.Where(f => f.Status == JobStatus.Failed).Sum(f => f.Count));
    }

    /// <summary>Registers the two gauges; they are read at scrape time only.</summary>
    public void Observe(KonvrtMetrics metrics)
    {
        metrics.Observe("konvrt.queue.depth", () => ReadGauges().Waiting, "Jobs waiting for a worker, across every instance.");
        metrics.Observe("konvrt.queue.oldest_age", () => ReadGauges().OldestSeconds, "Seconds the oldest waiting job has waited since it was asked for; 0 when none waits.", unit: "s");
    }

    private (int Waiting, double OldestSeconds) ReadGauges()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (gauges is not { } fresh || now - fresh.ReadAt > GaugeFreshness)
            {
                // A gauge's callback is synchronous; the query is one indexed count.
                using var db = contexts.CreateDbContext();
                var (waiting, oldest) = WaitingAsync(db, CancellationToken.None).GetAwaiter().GetResult();
                fresh = (now, waiting, oldest is { } since ? Math.Max(0, (now - since).TotalSeconds) : 0);
                gauges = fresh;
            }
            return (fresh.Waiting, fresh.OldestSeconds);
        }
    }

    private static async Task<(int Waiting, DateTimeOffset? Oldest)> WaitingAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var queued = db.Jobs.Where(job => job.Status == JobStatus.Queued);
        return (await queued.CountAsync(cancellationToken), await queued.MinAsync(job => (DateTimeOffset?)job.CreatedAt, cancellationToken));
    }
}
