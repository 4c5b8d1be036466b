namespace Konvrt.Portal.Features.Webhooks;

/// <summary>Where a workspace wants its events delivered.</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Url { get; set; }
    public string? Description { get; set; }
    /// <summary>The event types it receives, comma-separated (<see cref="WebhookEventTypes"/>).</summary>
    public required string Events { get; set; }
    public bool Enabled { get; set; } = true;
    public string? DisabledReason { get; set; }
    /// <summary>The signing secret, encrypted with the data-protection keys (it must be read back to sign).</summary>
    public required string SecretProtected { get; set; }
    /// <summary>After a rotation the old secret keeps signing beside the new one until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecretProtected { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    /// <summary>Since when every delivery has failed; null after any success.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Receives(string eventType) => Enabled && EventList.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>The signing secret for one-off <c>webhookUrl</c>s given with a conversion, one per workspace.</summary>
public sealed class WorkspaceWebhookKey
{
    public Guid WorkspaceId { get; init; }
    public required string SecretProtected { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class WebhookEventTypes
{
    public const string JobCompleted = "job.completed";
    public const string JobFailed = "job.failed";
    /// <summary>Every job of a batch (a request with several sources) has ended.</summary>
    public const string BatchCompleted = "batch.completed";
    public const string CreditsLow = "credits.low";
    /// <summary>Sent by "send test event"; an endpoint always receives it.</summary>
    public const string Test = "webhook.test";

    public static IReadOnlyList<string> Subscribable { get; } = [JobCompleted, JobFailed, BatchCompleted, CreditsLow];
}
