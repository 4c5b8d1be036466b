using System.Collections.Concurrent;
using System.Security.Cryptography;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.ApiKeys;

public sealed record NewApiKey(ApiKey Key, string Secret);

/// <summary>The ApiKeys feature's public service: create, list, revoke, and recognise keys.</summary>
public sealed class ApiKeyService(IDbContextFactory<PortalDbContext> contexts, RecognisedKeys recognised, TimeProvider clock)
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
        var revoked = await db.ApiKeys
            .Where(key => key.Id == keyId && key.WorkspaceId == workspaceId && key.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(key => key.RevokedAt, now), cancellationToken) == 1;
        if (revoked)
        {
            await recognised.RevokedAsync(keyId, cancellationToken);
        }
        return revoked;
    }

    /// <summary>
    /// The caller a presented key stands for, or null for a key that is malformed (refused without a look-up),
    /// unknown, revoked or expired. A key recognised lately is answered from <see cref="RecognisedKeys"/>, which a
    /// revocation on any instance clears at once.
    /// </summary>
    public async Task<ApiCaller?> RecogniseAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.IsWellFormed(presented))
        {
            return null;
        }
        var hash = ApiKeyFormat.Hash(presented);
        var now = clock.GetUtcNow();
        var known = recognised.Find(Convert.ToBase64String(hash)) ?? await LookUpAsync(hash, now, cancellationToken);
        if (known is null || known.ExpiresAt <= now)
        {
            return null;
        }
        await TouchAsync(known.KeyId, now, cancellationToken);
        return new ApiCaller(known.WorkspaceId, known.KeyId, known.Plan);
    }

    private async Task<RecognisedKeys.Entry?> LookUpAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
            from key in db.ApiKeys.AsNoTracking()
            join workspace in db.Workspaces on key.WorkspaceId equals workspace.Id
            where key.Hash == hash
            select new { key.Id, key.WorkspaceId, key.Hash, key.RevokedAt, key.ExpiresAt, workspace.Plan })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.Hash, hash) || found.RevokedAt is not null)
        {
            return null;
        }
        recognised.Remember(Convert.ToBase64String(hash), found.Id, found.WorkspaceId, found.Plan, found.ExpiresAt);
        return new RecognisedKeys.Entry(found.Id, found.WorkspaceId, found.Plan, found.ExpiresAt, now);
    }

    private async Task TouchAsync(Guid keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (lastUsedWritten.TryGetValue(keyId, out var written) && now - written < LastUsedResolution)
        {
            return;
        }
        lastUsedWritten[keyId] = now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ApiKeys.Where(key => key.Id == keyId)
            .ExecuteUpdateAsync(set => set.SetProperty(key => key.LastUsedAt, now), cancellationToken);
    }
}
