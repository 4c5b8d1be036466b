namespace Konvrt.Portal.Features.Workspaces;

/// <summary>One line of a workspace's audit log: who did what, to what, and when. Written in the change's own transaction.</summary>
public sealed class AuditEntry
{
    /// <summary>Given by the database in the order entries are written, which breaks ties between equal times.</summary>
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ActorUserId { get; init; }
    /// <summary>Who, as people read it: an e-mail address, "API key kvt_live_AbC…", "administrator (CLI)", "Stripe".</summary>
    public required string Actor { get; init; }
    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }
    /// <summary>What was acted on: a member's e-mail, a key's name, an endpoint's URL.</summary>
    public required string Subject { get; init; }
    public string? Detail { get; init; }
}

/// <summary>Who did something, as the audit log records it.</summary>
public sealed record AuditActor(string? UserId, string Label)
{
    public static AuditActor Of(Caller caller) => new(caller.UserId, caller.Email);
    public static AuditActor Administrator { get; } = new(null, "administrator (CLI)");
    /// <summary>A site administrator acting from the admin console, named by their e-mail address.</summary>
    public static AuditActor SiteAdministrator(string userId, string email) => new(userId, $"{email} (site administrator)");
    public static AuditActor Stripe { get; } = new(null, "Stripe");
    public static AuditActor ApiKey(string prefix) => new(null, $"API key {prefix}…");
}
