using System.Collections.Concurrent;
using System.Security.Cryptography;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure;
using Konvrt.Portal.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Konvrt.Portal.Features.ApiKeys;

public sealed record NewApiKey(ApiKey Key, string Secret);

/// <summary>The ApiKeys feature's public service: create, list, revoke, and recognise keys.</summary>
public sealed class ApiKeyService(IDbContextFactory<PortalDbContext> contexts, RecognisedKeys recognised, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Last-used is kept current to the minute: a busy key does not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> lastUsedWritten = new();

    /// <param name="createdByUserId">The member whose role the key acts with.</param>
    public async Task<NewApiKey> CreateAsync(
        Guid workspaceId, string name, DateTimeOffset? expiresAt, string createdByUserId, bool test, AuditActor actor, CancellationToken cancellationToken)
    {
        var secret = ApiKeyFormat.Generate(test);
        var key = new ApiKey
        {
            WorkspaceId = workspaceId,
            Name = name.Trim(),
            Prefix = ApiKeyFormat.DisplayPrefix(secret),
            Hash = ApiKeyFormat.Hash(secret),
            IsTest = test,
            CreatedByUserId = createdByUserId,
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        audit.Add(db, workspaceId, actor, AuditActions.ApiKeyCreated, $"{key.Name} ({key.Prefix}…)", test ? "test key" : "live key");
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

    /// <summary>
    /// Revokes the key at once: its very next request fails. False when the workspace has no such key, or, with
    /// <paramref name="onlyMadeBy"/>, when that member did not make it (a Developer revokes only their own).
    /// </summary>
    public async Task<bool> RevokeAsync(Guid workspaceId, Guid keyId, AuditActor actor, string? onlyMadeBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(
            key => key.Id == keyId && key.WorkspaceId == workspaceId && key.RevokedAt == null
                && (onlyMadeBy == null || key.CreatedByUserId == onlyMadeBy), cancellationToken);
        if (key is null)
        {
            return false;
        }
        key.RevokedAt = clock.GetUtcNow();
        audit.Add(db, workspaceId, actor, AuditActions.ApiKeyRevoked, $"{key.Name} ({key.Prefix}…)");
        await db.SaveChangesAsync(cancellationToken);
        await recognised.RevokedAsync(keyId, cancellationToken);
        return true;
    }

    /// <summary>
    /// A member left or was removed: the keys they made are revoked in the same transaction (added to
    /// <paramref name="db"/>, which the caller saves), so nobody outside the workspace keeps a way in.
    /// </summary>
    public async Task RevokeMadeByAsync(PortalDbContext db, Guid workspaceId, string userId, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var key in await db.ApiKeys.Where(key => key.WorkspaceId == workspaceId && key.CreatedByUserId == userId && key.RevokedAt == null).ToListAsync(cancellationToken))
        {
            key.RevokedAt = now;
            audit.Add(db, workspaceId, actor, AuditActions.ApiKeyRevoked, $"{key.Name} ({key.Prefix}…)", "its maker left the workspace");
        }
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
        await TouchAsync(known.Caller.KeyId, now, cancellationToken);
        return known.Caller;
    }

    private async Task<RecognisedKeys.Entry?> LookUpAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A key acts with its maker's role as it is now; a key whose maker is no longer a member opens nothing.
        var found = await (
            from key in db.ApiKeys.AsNoTracking()
            join workspace in db.Workspaces on key.WorkspaceId equals workspace.Id
            join member in db.WorkspaceMembers on new { key.WorkspaceId, UserId = key.CreatedByUserId! } equals new { member.WorkspaceId, member.UserId }
            where key.Hash == hash
            select new { key.Id, key.WorkspaceId, key.Hash, key.Prefix, key.IsTest, key.RevokedAt, key.ExpiresAt, workspace.Plan, member.Role })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.Hash, hash) || found.RevokedAt is not null)
        {
            return null;
        }
        var caller = new ApiCaller(found.WorkspaceId, found.Id, found.Plan, found.Role, found.IsTest, found.Prefix);
        recognised.Remember(Convert.ToBase64String(hash), caller, found.ExpiresAt);
        return new RecognisedKeys.Entry(caller, found.ExpiresAt, now);
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
