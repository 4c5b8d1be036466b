namespace Konvrt.Portal.Features.Workspaces;

/// <summary>
/// An e-mailed invitation to join a workspace. The link carries a random token; only its SHA-256 is stored, so a
/// database read gives nobody a working link. Resending makes a new token (the old link stops working).
/// </summary>
public sealed class WorkspaceInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Email { get; init; }
    public WorkspaceRole Role { get; set; }
    public required byte[] TokenHash { get; set; }
    public string? InvitedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
