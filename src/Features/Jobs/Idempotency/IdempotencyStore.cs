using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Jobs.Idempotency;

/// <summary>
/// Makes <c>POST /convert</c> safe to repeat. The first request with a key claims it under a lease it keeps
/// renewing; the job it creates is linked to the key in the job's own transaction; its answer is stored, and
/// every repeat within 24 hours gets that answer without converting or charging again. A repeat while the
/// holder is alive is told to come back (<see cref="InProgress"/>); once the lease has lapsed — the holder
/// died — the repeat takes over and answers from the linked job, or does the work if there is none yet.
/// The same key with a different request is refused.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    /// <summary>How long a silent holder keeps the key: a retry after a crash takes over within this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RenewEvery = Lease / 3;

    public abstract record Claim;

    /// <summary>
    /// This request holds the key: do the work (or, with <paramref name="JobId"/>, answer from the job an
    /// earlier holder created before it died), keep the lease alive, then <see cref="CompleteAsync"/>.
    /// </summary>
    public sealed record First(IdempotencyHold Hold, Guid? JobId) : Claim;

    public sealed record Repeat(StoredResponse Response) : Claim;

    /// <summary>The key was used for a different request.</summary>
    public sealed record Mismatch : Claim;

    /// <summary>Another request holds the key and is alive: try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record InProgress(TimeSpan RetryAfter) : Claim;

    public async Task<Claim> ClaimAsync(Guid workspaceId, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A write transaction (SQLite begins it IMMEDIATE): look-up and claim are one step, so two requests
        // never both hold a key, and no insert ever fails on the unique key.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var hold = new IdempotencyHold(workspaceId, key, Guid.NewGuid());
        var existing = await db.IdempotencyRecords
            .SingleOrDefaultAsync(record => record.WorkspaceId == workspaceId && record.Key == key, cancellationToken);
        if (existing is not null && existing.CreatedAt < now - Lifetime)
        {
            db.IdempotencyRecords.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
            existing = null;
        }

        Claim claim;
        if (existing is null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                WorkspaceId = workspaceId, Key = key, RequestHash = requestHash, CreatedAt = now, HolderId = hold.HolderId, LeaseExpiresAt = now + Lease,
            });
            claim = new First(hold, JobId: null);
        }
        else if (existing.RequestHash != requestHash)
        {
            claim = new Mismatch();
        }
        else if (existing.StatusCode is { } status)
        {
            claim = new Repeat(new StoredResponse(status, existing.ContentType!, existing.Body!, existing.Location));
        }
        else if (existing.LeaseExpiresAt is { } until && until > now)
        {
            claim = new InProgress(until - now);
        }
        else
        {
            existing.HolderId = hold.HolderId;
            existing.LeaseExpiresAt = now + Lease;
            claim = new First(hold, existing.JobId);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    /// <summary>Links the job to the key, inside the transaction that saves the job.</summary>
    public static Task AttachJobAsync(PortalDbContext db, IdempotencyHold hold, Guid jobId, CancellationToken cancellationToken) =>
        Held(db, hold).ExecuteUpdateAsync(set => set.SetProperty(record => record.JobId, jobId), cancellationToken);

    /// <summary>Renews the lease every few seconds until disposed, so a live holder is never taken over.</summary>
    public IAsyncDisposable KeepAlive(IdempotencyHold hold) => new LeaseRenewal(this, hold, clock);

    public async Task CompleteAsync(IdempotencyHold hold, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Held(db, hold).ExecuteUpdateAsync(set => set
            .SetProperty(record => record.StatusCode, response.StatusCode)
            .SetProperty(record => record.ContentType, response.ContentType)
            .SetProperty(record => record.Body, response.Body)
            .SetProperty(record => record.Location, response.Location)
            .SetProperty(record => record.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>
    /// The holder failed before it had an answer. Without a job, the key is freed so a retry runs afresh; with
    /// one, the lease ends now, so a retry takes over at once and answers from that job.
    /// </summary>
    public async Task ReleaseAsync(IdempotencyHold hold)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await Held(db, hold).Where(record => record.JobId == null).ExecuteDeleteAsync();
        await Held(db, hold).ExecuteUpdateAsync(set => set.SetProperty(record => record.LeaseExpiresAt, clock.GetUtcNow()));
    }

    /// <summary>Forgets keys older than 24 hours.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cutoff = clock.GetUtcNow() - Lifetime;
        return await db.IdempotencyRecords.Where(record => record.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> RenewAsync(IdempotencyHold hold, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Held(db, hold).Where(record => record.StatusCode == null)
            .ExecuteUpdateAsync(set => set.SetProperty(record => record.LeaseExpiresAt, clock.GetUtcNow() + Lease), cancellationToken) == 1;
    }

    private static IQueryable<IdempotencyRecord> Held(PortalDbContext db, IdempotencyHold hold) => db.IdempotencyRecords
        .Where(record => record.WorkspaceId == hold.WorkspaceId && record.Key == hold.Key && record.HolderId == hold.HolderId);

    private sealed class LeaseRenewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task beating;

        public LeaseRenewal(IdempotencyStore store, IdempotencyHold hold, TimeProvider clock) =>
            beating = BeatAsync(store, hold, clock, stop.Token);

        private static async Task BeatAsync(IdempotencyStore store, IdempotencyHold hold, TimeProvider clock, CancellationToken stopping)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(RenewEvery, clock, stopping);
                    try
                    {
                        if (!await store.RenewAsync(hold, stopping))
                        {
                            return;
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // A busy database: the lease has two more beats of slack; try again at the next.
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The holder finished.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await beating;
            stop.Dispose();
        }
    }
}

/// <summary>One request's hold on an idempotency key.</summary>
public sealed record IdempotencyHold(Guid WorkspaceId, string Key, Guid HolderId);
