using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.Api;

/// <summary>
/// Makes <c>POST /convert</c> safe to repeat: the first request with a key claims it (a row with a unique
/// key), its answer is stored, and every repeat within 24 hours gets that answer without converting or
/// charging again. The same key with a different request is refused.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(60);

    public abstract record Claim;

    /// <summary>This request is the first: do the work, then <see cref="CompleteAsync"/>.</summary>
    public sealed record First : Claim;

    public sealed record Repeat(StoredResponse Response) : Claim;

    /// <summary>The key was used for a different request.</summary>
    public sealed record Mismatch : Claim;

    public async Task<Claim> ClaimAsync(Guid workspaceId, string key, string requestHash, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + WaitForFirst;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            await db.IdempotencyRecords
                .Where(record => record.WorkspaceId == workspaceId && record.Key == key && record.CreatedAt < now - Lifetime)
                .ExecuteDeleteAsync(cancellationToken);
            db.IdempotencyRecords.Add(new IdempotencyRecord { WorkspaceId = workspaceId, Key = key, RequestHash = requestHash, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new First();
            }
            catch (DbUpdateException)
            {
                // Another request holds the key: it is finished, or in flight, or not the same request.
            }

            await using var reader = await contexts.CreateDbContextAsync(cancellationToken);
            var existing = await reader.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(record => record.WorkspaceId == workspaceId && record.Key == key, cancellationToken);
            if (existing is null)
            {
                continue;
            }
            if (existing.RequestHash != requestHash)
            {
                return new Mismatch();
            }
            if (existing.StatusCode is { } status)
            {
                return new Repeat(new StoredResponse(status, existing.ContentType!, existing.Body!, existing.Location));
            }
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The first request with Idempotency-Key '{key}' is still running.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken);
        }
    }

    public async Task CompleteAsync(Guid workspaceId, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.IdempotencyRecords
            .Where(record => record.WorkspaceId == workspaceId && record.Key == key)
            .ExecuteUpdateAsync(set => set
                .SetProperty(record => record.StatusCode, response.StatusCode)
                .SetProperty(record => record.ContentType, response.ContentType)
                .SetProperty(record => record.Body, response.Body)
                .SetProperty(record => record.Location, response.Location), cancellationToken);
    }

    /// <summary>The first request failed before it had an answer: free the key so a retry can run.</summary>
    public async Task AbandonAsync(Guid workspaceId, string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.IdempotencyRecords
            .Where(record => record.WorkspaceId == workspaceId && record.Key == key && record.StatusCode == null)
            .ExecuteDeleteAsync();
    }
}
