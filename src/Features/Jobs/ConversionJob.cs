namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// One conversion, from upload to notification, owned by a workspace. Never lost: it is persisted before
/// any work starts, and every change of status is a conditional update guarded by the worker's lease.
/// </summary>
public sealed class ConversionJob
{
    /// <summary>122 random bits (a version 4 GUID from the OS's secure generator): unguessable.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public JobOrigin Origin { get; init; }
    public Guid? ApiKeyId { get; init; }
    public string? WebhookUrl { get; init; }

    public required string SourceFileName { get; init; }
    public required string InputBlob { get; set; }
    public long InputBytes { get; init; }
    public required string InputSha256 { get; init; }
    public string? InputFormat { get; set; }
    public int? InputWidth { get; set; }
    public int? InputHeight { get; set; }
    public int? InputFrames { get; set; }

    /// <summary>The options, checked once when the job was submitted; stored as their canonical fields (JSON).</summary>
    public required Conversion.Options.ConversionOptions Options { get; init; }
    /// <summary>The options' canonical text: the result cache matches on it.</summary>
    public required string OptionsNormalized { get; init; }

    public JobStatus Status { get; set; } = JobStatus.Queued;
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    public string? OutputBlob { get; set; }
    public string? OutputFormat { get; set; }
    public int? OutputWidth { get; set; }
    public int? OutputHeight { get; set; }
    public long? OutputBytes { get; set; }

    public int CreditsCharged { get; set; }
    public bool Cached { get; init; }
    public Guid? CachedFromJobId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset? ValidatedAt { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }
    public DateTimeOffset? OptimizedAt { get; set; }
    public DateTimeOffset? StoredAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>When the files go (<c>Jobs:RetentionHours</c> after upload).</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ExpiredAt { get; set; }

    public int Attempts { get; set; }
    /// <summary>Not before this time may a worker take the job (retries back off).</summary>
    public DateTimeOffset AvailableAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    /// <summary>Bumped by every claim: a worker whose claim is stale cannot change the job any more.</summary>
    public int LeaseVersion { get; set; }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Expired;
}
