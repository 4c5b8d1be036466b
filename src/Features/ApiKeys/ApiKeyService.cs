using System.Collections.Concurrent;
using System.Security.Cryptography;
using Konvrt.Portal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Konvrt.Portal.Infrastructure.Database;

namespace Konvrt.Portal.Features.ApiKeys;

public sealed record NewApiKey(ApiKey Key, string Secret);

/// <summary>The ApiKeys feature's public service: create, list, revoke, and recognise keys.</summary>
public sealed class ApiKeyService(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>Last-used is kept current to the minute: a busy key does not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> lastUsedWritten = new();

    public async Task<NewApiKey> CreateAsync(
        Guid workspaceId, string name, DateTimeOffset? expiresAt, string? createdByUserId, CancellationToken cancellationToken)
    {
        var secret = ApiKeyFormat.Generate();
        var key = new ApiKey
        {
            WorkspaceId = workspaceId,
            Name = name.Trim(),
            Prefix = ApiKeyFormat.DisplayPrefix(secret),
            Hash = ApiKeyFormat.Hash(secret),
            CreatedByUserId = createdByUserId,
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new NewApiKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .Where(key => key.WorkspaceId == workspaceId)
            .OrderByDescending(key => key.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes the key at once: its very next request fails. False when the workspace has no such key.</summary>
    public async Task<bool> RevokeAsync(Guid workspaceId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.ApiKeys
            .Where(key => key.Id == keyId && key.WorkspaceId == workspaceId && key.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(key => key.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>
    /// The caller a presented key stands for, or null for a key that is malformed (refused without a look-up),
    /// unknown, revoked or expired. Every request looks the key up, so a revocation takes effect at once.
    /// </summary>
    public async Task<ApiCaller?> RecogniseAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.IsWellFormed(presented))
        {
            return null;
        }
        var hash = ApiKeyFormat.Hash(presented);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
            from key in db.ApiKeys.AsNoTracking()
            join workspace in db.Workspaces on key.WorkspaceId equals workspace.Id
            where key.Hash == hash
            select new { key.Id, key.WorkspaceId, key.Hash, key.RevokedAt, key.ExpiresAt, workspace.Plan })
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (found is null
            || !CryptographicOperations.FixedTimeEquals(found.Hash, hash)
            || found.RevokedAt is not null
            || found.ExpiresAt <= now)
        {
            return null;
        }
        await TouchAsync(db, found.Id, now, cancellationToken);
        return new ApiCaller(found.WorkspaceId, found.Id, found.Plan);
    }

    private async Task TouchAsync(PortalDbContext db, Guid keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (lastUsedWritten.TryGetValue(keyId, out var written) && now - written < LastUsedResolution)
        {
            return;
        }
        lastUsedWritten[keyId] = now;
        await db.ApiKeys.Where(key => key.Id == keyId)
            .ExecuteUpdateAsync(set => set.SetProperty(key => key.LastUsedAt, now), cancellationToken);
    }
}
