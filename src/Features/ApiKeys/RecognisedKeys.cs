using System.Collections.Concurrent;
using Konvrt.Portal.Features.Workspaces;
using Konvrt.Portal.Infrastructure.Cluster;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary><c>Api:KeyCache:*</c>.</summary>
public sealed class ApiKeyCacheOptions
{
    public const string Section = "Api:KeyCache";

    /// <summary>
    /// How long a recognised key is trusted without a look-up. A revocation, a role change or a removal of the key's
    /// maker ends it at once on every instance; this bounds only how long a plan change takes to reach the API.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public double Seconds { get; set; } = 30;
}

/// <summary>
/// Keys recognised lately, by hash, so a busy key costs no database round trip per request. Revoking a key drops
/// it here and, through <see cref="IClusterMessages"/>, on every other instance. Unknown keys are never kept: a
/// flood of random keys leaves nothing behind (the per-address limit meters those).
/// </summary>
public sealed class RecognisedKeys : IDisposable
{
    private const string RevokedTopic = "api-key-revoked";
    private const string WorkspaceTopic = "api-keys-changed";
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly IClusterMessages cluster;
    private readonly TimeProvider clock;
    private readonly TimeSpan lifetime;
    private readonly Subscriptions remote;

    public RecognisedKeys(IClusterMessages cluster, IOptions<ApiKeyCacheOptions> options, TimeProvider clock)
    {
        this.cluster = cluster;
        this.clock = clock;
        lifetime = TimeSpan.FromSeconds(options.Value.Seconds);
        var revoked = cluster.Subscribe(RevokedTopic, payload =>
        {
            if (Guid.TryParse(payload, out var keyId))
            {
                Forget(entry => entry.Caller.KeyId == keyId);
            }
        });
        var changed = cluster.Subscribe(WorkspaceTopic, payload =>
        {
            if (Guid.TryParse(payload, out var workspaceId))
            {
                Forget(entry => entry.Caller.WorkspaceId == workspaceId);
            }
        });
        remote = new Subscriptions(revoked, changed);
    }

    /// <summary>What a key's look-up found, and until when it may be trusted without another.</summary>
    public sealed record Entry(ApiCaller Caller, DateTimeOffset? ExpiresAt, DateTimeOffset TrustedUntil);

    public Entry? Find(string hash)
    {
        if (!entries.TryGetValue(hash, out var entry))
        {
            return null;
        }
        if (entry.TrustedUntil > clock.GetUtcNow())
        {
            return entry;
        }
        entries.TryRemove(KeyValuePair.Create(hash, entry));
        return null;
    }

    public void Remember(string hash, ApiCaller caller, DateTimeOffset? expiresAt)
    {
        if (lifetime > TimeSpan.Zero)
        {
            entries[hash] = new Entry(caller, expiresAt, clock.GetUtcNow() + lifetime);
        }
    }

    /// <summary>The key was revoked: forgotten here now, and on the other instances as soon as they hear.</summary>
    public async Task RevokedAsync(Guid keyId, CancellationToken cancellationToken)
    {
        Forget(entry => entry.Caller.KeyId == keyId);
        await cluster.SendAsync(RevokedTopic, keyId.ToString("N"), cancellationToken);
    }

    /// <summary>
    /// The workspace's members changed (a role, a removal): every key of it is looked up again, here and on the other
    /// instances, so a key acts with its maker's role as it is now.
    /// </summary>
    public async Task WorkspaceChangedAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        Forget(entry => entry.Caller.WorkspaceId == workspaceId);
        await cluster.SendAsync(WorkspaceTopic, workspaceId.ToString("N"), cancellationToken);
    }

    private void Forget(Func<Entry, bool> which)
    {
        foreach (var (hash, entry) in entries)
        {
            if (which(entry))
            {
                entries.TryRemove(KeyValuePair.Create(hash, entry));
            }
        }
    }

    public void Dispose() => remote.Dispose();

    private sealed class Subscriptions(params IDisposable[] all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var subscription in all)
            {
                subscription.Dispose();
            }
        }
    }
}
