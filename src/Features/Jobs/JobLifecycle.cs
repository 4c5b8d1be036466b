using System.Diagnostics;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Http;
using Konvrt.Portal.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// The one owner of a job's life after it is saved: claim, heartbeat, complete, fail (with its refund),
/// release, and notify. Every change of status is a conditional update; SQLite runs one writer at a time and
/// PostgreSQL locks the row while it updates it, so "update where the lease version is still mine" is atomic: of two workers, exactly one claims a job, and a
/// worker whose lease was taken over can no longer complete, fail or release it. Completing and failing
/// notify, through the one notify path every finished job takes.
/// </summary>
public sealed class JobLifecycle(
    IDbContextFactory<PortalDbContext> contexts, IJobCharges charges, IJobNotifications notifications, JobEvents events,
    IOptions<JobsOptions> options, TimeProvider clock, KonvrtMetrics metrics)
{
    private const int CandidatesPerClaim = 8;

    public async Task<JobLease?> TryClaimNextAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var candidates = await Claimable(db.Jobs, now)
            .OrderBy(job => job.AvailableAt)
            .Select(job => new { job.Id, job.LeaseVersion })
            .Take(CandidatesPerClaim)
            .ToListAsync(cancellationToken);

        foreach (var candidate in candidates)
        {
            if (await ClaimAsync(db, candidate.Id, candidate.LeaseVersion, owner, now, cancellationToken) is { } lease)
            {
                return lease;
            }
        }
        return null;
    }

    /// <summary>
    /// The claim of <see cref="ClaimAsync"/>, made on a job not yet saved: the request that will run it saves it
    /// claimed, in the transaction that saves it, and so spends no round trip on the claim.
    /// </summary>
    public void ClaimAsSaved(ConversionJob job, string owner)
    {
        job.Status = JobStatus.Processing;
        job.LeaseOwner = owner;
        job.LeaseExpiresAt = clock.GetUtcNow() + options.Value.Lease;
        job.LeaseVersion++;
        job.Attempts++;
    }

    private async Task<JobLease?> ClaimAsync(PortalDbContext db, Guid jobId, int leaseVersion, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await Claimable(db.Jobs, now)
            .Where(job => job.Id == jobId && job.LeaseVersion == leaseVersion)
            .ExecuteUpdateAsync(set => set
                .SetProperty(job => job.Status, JobStatus.Processing)
                .SetProperty(job => job.LeaseOwner, owner)
                .SetProperty(job => job.LeaseExpiresAt, now + options.Value.Lease)
                .SetProperty(job => job.LeaseVersion, job => job.LeaseVersion + 1)
                .SetProperty(job => job.Attempts, job => job.Attempts + 1), cancellationToken);
        return claimed == 1 ? new JobLease(jobId, owner, leaseVersion + 1) : null;
    }

    /// <summary>Extends the lease; false when another worker has taken the job over.</summary>
    public async Task<bool> RenewAsync(JobLease lease, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var until = clock.GetUtcNow() + options.Value.Lease;
        return await Held(db, lease).ExecuteUpdateAsync(set => set.SetProperty(job => job.LeaseExpiresAt, until), cancellationToken) == 1;
    }

    /// <summary>The one transition to completed: only the worker still holding the lease makes it, and then notifies.</summary>
    public async Task<bool> CompleteAsync(JobLease lease, CompletedJob done, CancellationToken cancellationToken)
    {
        if (!await MarkCompletedAsync(lease, done, cancellationToken))
        {
            return false;
        }
        await NotifyAsync(lease.JobId, cancellationToken);
        return true;
    }

    private async Task<bool> MarkCompletedAsync(JobLease lease, CompletedJob done, CancellationToken cancellationToken)
    {
        using var completing = ServerTiming.Measure("complete");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var completed = await Held(db, lease).ExecuteUpdateAsync(set => set
            .SetProperty(job => job.Status, JobStatus.Completed)
            .SetProperty(job => job.ConvertedAt, done.ConvertedAt)
            .SetProperty(job => job.OptimizedAt, done.OptimizedAt)
            .SetProperty(job => job.StoredAt, done.StoredAt)
            .SetProperty(job => job.CompletedAt, done.StoredAt)
            .SetProperty(job => job.LeaseOwner, (string?)null)
            .SetProperty(job => job.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken) == 1;
        if (!completed)
        {
            return false;
        }
        foreach (var output in done.Outputs)
        {
            await SaveOutputAsync(db, output, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>What was made of one output and where it was stored, as the worker or the Store step's retry left it.</summary>
    internal static Task<int> SaveOutputAsync(PortalDbContext db, JobOutput output, CancellationToken cancellationToken) =>
        db.Set<JobOutput>().Where(row => row.JobId == output.JobId && row.Index == output.Index).ExecuteUpdateAsync(set => set
            .SetProperty(row => row.Blob, output.Blob)
            .SetProperty(row => row.Format, output.Format)
            .SetProperty(row => row.Width, output.Width)
            .SetProperty(row => row.Height, output.Height)
            .SetProperty(row => row.Bytes, output.Bytes)
            .SetProperty(row => row.Quality, output.Quality)
            .SetProperty(row => row.Cached, output.Cached)
            .SetProperty(row => row.CachedFromJobId, output.CachedFromJobId)
            .SetProperty(row => row.StorageKey, output.StorageKey)
            .SetProperty(row => row.StoreStatus, output.StoreStatus)
            .SetProperty(row => row.StoreError, output.StoreError)
            .SetProperty(row => row.StoreAttempts, output.StoreAttempts)
            .SetProperty(row => row.StoreNextAttemptAt, output.StoreNextAttemptAt)
            .SetProperty(row => row.StoreLeaseExpiresAt, (DateTimeOffset?)null)
            .SetProperty(row => row.StoredAt, output.StoredAt), cancellationToken);

    /// <summary>
    /// A URL source was fetched and validated: its facts, the outputs the cache serves, and its true cost — the
    /// difference from the one credit per output reserved at submission taken or given back — in one transaction
    /// under the lease. False when the lease was lost; throws <see cref="InsufficientCreditsException"/> (nothing
    /// written) when the workspace cannot pay the difference.
    /// </summary>
    public async Task<bool> RecordFetchedAsync(JobLease lease, ConversionJob job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cost = job.CostFor(job.InputBytes, charges);
        var difference = cost - job.CreditsCharged;
        var recorded = await Held(db, lease).ExecuteUpdateAsync(set => set
            .SetProperty(row => row.InputBytes, job.InputBytes)
            .SetProperty(row => row.InputSha256, job.InputSha256)
            .SetProperty(row => row.InputFormat, job.InputFormat)
            .SetProperty(row => row.InputWidth, job.InputWidth)
            .SetProperty(row => row.InputHeight, job.InputHeight)
            .SetProperty(row => row.InputFrames, job.InputFrames)
            .SetProperty(row => row.ValidatedAt, job.ValidatedAt)
            .SetProperty(row => row.ExpiresAt, job.ExpiresAt)
            .SetProperty(row => row.CreditsCharged, cost), cancellationToken) == 1;
        if (!recorded)
        {
            return false;
        }
        if (difference > 0)
        {
            await charges.ReserveAsync(db, [new JobCharge(job.WorkspaceId, job.Id, difference)], cancellationToken);
        }
        else if (difference < 0)
        {
            await charges.RefundAsync(db, new JobCharge(job.WorkspaceId, job.Id, -difference),
                "Refund of what a fetched source did not cost (a smaller image, or outputs from the cache)", cancellationToken);
        }
        foreach (var output in job.Outputs.Where(output => output.Cached))
        {
            await SaveOutputAsync(db, output, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        job.CreditsCharged = cost;
        return true;
    }

    /// <summary>Fails the job for good and gives its credits back, in one transaction; then notifies.</summary>
    public async Task<bool> FailAsync(JobLease lease, PortalError error, string message, CancellationToken cancellationToken)
    {
        Activity.Current.Failed(error.Code);
        if (!await MarkFailedAsync(lease, error.Code, message, cancellationToken))
        {
            return false;
        }
        await NotifyAsync(lease.JobId, cancellationToken);
        return true;
    }

    private async Task<bool> MarkFailedAsync(JobLease lease, string code, string message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Read under the lease this worker holds: nothing else changes the job's charge meanwhile.
        var job = await db.Jobs.AsNoTracking().IgnoreAutoIncludes().SingleAsync(job => job.Id == lease.JobId, cancellationToken);
        var failed = await Held(db, lease).ExecuteUpdateAsync(set => set
            .SetProperty(job => job.Status, JobStatus.Failed)
            .SetProperty(job => job.ErrorCode, code)
            .SetProperty(job => job.ErrorMessage, message)
            // A failed job costs nothing: what it took is given back below, in the same transaction.
            .SetProperty(job => job.CreditsCharged, 0)
            .SetProperty(job => job.CompletedAt, now)
            .SetProperty(job => job.LeaseOwner, (string?)null)
            .SetProperty(job => job.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken) == 1;
        if (failed)
        {
            await charges.RefundAsync(db, new JobCharge(job.WorkspaceId, job.Id, job.CreditsCharged), "Refund of a failed conversion", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return failed;
    }

    /// <summary>
    /// A failed job back in the queue as if new: an administrator's retry once what failed it is mended. Charged as it
    /// was at first (its credits were given back when it failed), in the same transaction, and given back again if it
    /// fails again. Its outputs already made are kept, and a storage upload that gave up starts its schedule over. When
    /// it finishes it is announced again (webhooks too).
    /// </summary>
    /// <param name="alsoInTransaction">Saved with the change (the audit line).</param>
    /// <returns>The job as queued; null when it is not failed any more, or its files are gone.</returns>
    /// <exception cref="InsufficientCreditsException">The workspace cannot pay for it: nothing changed.</exception>
    public async Task<ConversionJob?> RetryFailedAsync(
        Guid jobId, Action<PortalDbContext, ConversionJob> alsoInTransaction, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var failed = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(job => job.Id == jobId, cancellationToken);
        if (failed is null)
        {
            return null;
        }
        var cost = failed.CostFor(failed.InputBytes, charges);
        var requeued = await db.Jobs.Where(job => job.Id == jobId && job.Status == JobStatus.Failed && job.ExpiredAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(job => job.Status, JobStatus.Queued)
                .SetProperty(job => job.CreditsCharged, cost)
                .SetProperty(job => job.ErrorCode, (string?)null)
                .SetProperty(job => job.ErrorMessage, (string?)null)
                .SetProperty(job => job.Attempts, 0)
                .SetProperty(job => job.AvailableAt, now)
                .SetProperty(job => job.CompletedAt, (DateTimeOffset?)null)
                .SetProperty(job => job.NotifiedAt, (DateTimeOffset?)null), cancellationToken) == 1;
        if (!requeued)
        {
            return null;
        }
        if (cost > 0)
        {
            await charges.ReserveAsync(db, [new JobCharge(failed.WorkspaceId, jobId, cost)], cancellationToken);
        }
        await db.Set<JobOutput>().Where(output => output.JobId == jobId && output.StoreStatus == StoreStatus.Failed)
            .ExecuteUpdateAsync(set => set
                .SetProperty(output => output.StoreStatus, StoreStatus.Pending)
                .SetProperty(output => output.StoreAttempts, 0)
                .SetProperty(output => output.StoreError, (string?)null), cancellationToken);
        var job = await db.Jobs.AsNoTracking().SingleAsync(job => job.Id == jobId, cancellationToken);
        alsoInTransaction(db, job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await events.PublishAsync(new JobChanged(job.Id, job.WorkspaceId, JobStatus.Queued), cancellationToken);
        return job;
    }

    /// <summary>Puts the job back in the queue: after a passing failure (later, with back-off) or at shutdown (at once, attempt not counted).</summary>
    public async Task<bool> ReleaseAsync(JobLease lease, TimeSpan delay, bool countAttempt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var availableAt = clock.GetUtcNow() + delay;
        var uncount = countAttempt ? 0 : 1;
        return await Held(db, lease).ExecuteUpdateAsync(set => set
            .SetProperty(job => job.Status, JobStatus.Queued)
            .SetProperty(job => job.AvailableAt, availableAt)
            .SetProperty(job => job.Attempts, job => job.Attempts - uncount)
            .SetProperty(job => job.LeaseOwner, (string?)null)
            .SetProperty(job => job.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken) == 1;
    }

    /// <summary>
    /// The one notify path of a finished job: records the notification (and its outbox messages) once, then
    /// announces it in this process, so whoever the event wakes reads a job complete in every field.
    /// </summary>
    public async Task<DateTimeOffset> NotifyAsync(Guid jobId, CancellationToken cancellationToken)
    {
        DateTimeOffset notifiedAt;
        ConversionJob job;
        // The outbox messages written here keep this span's id: their deliveries continue the job's trace.
        using (KonvrtTracing.Stage("notify"))
        using (ServerTiming.Measure("notify"))
        {
            (notifiedAt, job) = await MarkNotifiedAsync(jobId, cancellationToken);
        }
        using (ServerTiming.Measure("publish"))
        {
            await events.PublishAsync(new JobChanged(job.Id, job.WorkspaceId, job.Status), cancellationToken);
        }
        return notifiedAt;
    }

    private async Task<(DateTimeOffset NotifiedAt, ConversionJob Job)> MarkNotifiedAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Only the first marking notifies: a repeated call (a straggler sweep racing a worker) changes nothing.
        var first = await db.Jobs.Where(job => job.Id == jobId && job.NotifiedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(job => job.NotifiedAt, now), cancellationToken) == 1;
        var job = await db.Jobs.AsNoTracking().SingleAsync(job => job.Id == jobId, cancellationToken);
        if (first)
        {
            await notifications.EnqueueAsync(db, job, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (job.BatchId is { } batchId)
            {
                await NotifyBatchIfEndedAsync(db, batchId, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        if (first)
        {
            // Counted once per job, on whichever instance announces it, and only once it is written down.
            JobMetrics.Record(metrics, job);
        }
        return (job.NotifiedAt ?? now, job);
    }

    /// <summary>
    /// <c>batch.completed</c>, once: written by whoever first sees every job of the batch notified. Two jobs notified at
    /// once on a database that lets both transactions miss the other are caught by <see cref="NotifyEndedBatchesAsync"/>.
    /// </summary>
    private async Task NotifyBatchIfEndedAsync(PortalDbContext db, Guid batchId, CancellationToken cancellationToken)
    {
        if (await db.Jobs.AnyAsync(job => job.BatchId == batchId && job.NotifiedAt == null, cancellationToken))
        {
            return;
        }
        var marked = await db.Set<Batch>().Where(batch => batch.Id == batchId && batch.NotifiedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(batch => batch.NotifiedAt, clock.GetUtcNow()), cancellationToken);
        if (marked == 0)
        {
            return;
        }
        var batch = await db.Set<Batch>().AsNoTracking().SingleAsync(batch => batch.Id == batchId, cancellationToken);
        var jobs = await db.Jobs.AsNoTracking().Where(job => job.BatchId == batchId)
            .OrderBy(job => job.CreatedAt).ThenBy(job => job.Id).ToListAsync(cancellationToken);
        await notifications.EnqueueBatchAsync(db, batch, jobs, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Batches whose jobs have all been notified but which were not: notified now. Returns how many.</summary>
    public async Task<int> NotifyEndedBatchesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ended = await db.Set<Batch>().AsNoTracking()
            .Where(batch => batch.NotifiedAt == null && !db.Jobs.Any(job => job.BatchId == batch.Id && job.NotifiedAt == null))
            .Select(batch => batch.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var batchId in ended)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await NotifyBatchIfEndedAsync(db, batchId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return ended.Count;
    }

    /// <summary>
    /// Finished jobs that were never marked notified, because their host died between the two steps.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> UnnotifiedAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var before = clock.GetUtcNow() - olderThan;
        return await db.Jobs.AsNoTracking()
            .Where(job => job.NotifiedAt == null && job.CompletedAt != null && job.CompletedAt < before
                && (job.Status == JobStatus.Completed || job.Status == JobStatus.Failed))
            .OrderBy(job => job.CompletedAt)
            .Select(job => job.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<ConversionJob> Claimable(IQueryable<ConversionJob> jobs, DateTimeOffset now) =>
        jobs.Where(job =>
            (job.Status == JobStatus.Queued && job.AvailableAt <= now)
            || (job.Status == JobStatus.Processing && job.LeaseExpiresAt < now));

    private static IQueryable<ConversionJob> Held(PortalDbContext db, JobLease lease) =>
        db.Jobs.Where(job => job.Id == lease.JobId && job.LeaseVersion == lease.Version && job.Status == JobStatus.Processing);
}

/// <summary>A job's outputs as made and stored, and when each stage ended.</summary>
public sealed record CompletedJob(
    IReadOnlyList<JobOutput> Outputs, DateTimeOffset? ConvertedAt, DateTimeOffset? OptimizedAt, DateTimeOffset StoredAt);
