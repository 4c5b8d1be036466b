namespace Konvrt.Portal.Features.Webhooks;

public enum WebhookMessageStatus
{
    Pending,
    Delivered,
    /// <summary>Every attempt of the schedule failed.</summary>
    Failed,
    /// <summary>Not sent any more: its endpoint was disabled or deleted.</summary>
    Cancelled,
}

/// <summary>
/// One event for one destination, in the outbox. Its id is the <c>webhook-id</c> of every attempt, so a
/// receiver can recognise a retry. The schedule lives in the row: a restart carries on where it was.
/// </summary>
public sealed class WebhookMessage
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    /// <summary>Null for a conversion's own <c>webhookUrl</c>.</summary>
    public Guid? EndpointId { get; init; }
    public required string Url { get; init; }
    public required string EventType { get; init; }
    public required string Payload { get; init; }
    public WebhookMessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The W3C <c>traceparent</c> of what raised the event (a job's notify): its deliveries continue that trace.</summary>
    public string? TraceParent { get; init; }

    public string WebhookId => $"msg_{Id:N}";
}

/// <summary>One try at delivering a message, as the delivery log shows it.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; init; }
    public Guid MessageId { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid? EndpointId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int? StatusCode { get; init; }
    public int DurationMs { get; init; }
    /// <summary>The request's headers as sent, one "name: value" a line (signatures included: they are HMACs, not the secret).</summary>
    public string? RequestHeaders { get; init; }
    /// <summary>The response's headers as received, one "name: value" a line, at most 4 KB of them.</summary>
    public string? ResponseHeaders { get; init; }
    /// <summary>The start of the response body, at most 4 KB of it.</summary>
    public string? ResponseExcerpt { get; init; }
    public string? Error { get; init; }
    public bool Succeeded { get; init; }
}
