namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>A workspace's key to the API. Only its SHA-256 and a display prefix are stored: the key itself is shown once.</summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key (<c>kvt_AbCd1234</c>), enough to recognise it in a list.</summary>
    public required string Prefix { get; init; }
    public required byte[] Hash { get; init; }
    /// <summary>A test key (<c>kvt_test_…</c>): works on every plan, charges nothing, limited (see <see cref="ApiKeyModes"/>).</summary>
    public bool IsTest { get; init; }
    /// <summary>The member who made it, whose role the key acts with; once they are no longer a member, the key opens nothing.</summary>
    public string? CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
