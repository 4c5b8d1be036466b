namespace Konvrt.Client;

/// <summary>A conversion job: what came in, what it made, what it cost.</summary>
public sealed record KonvrtJob(
    Guid JobId,
    string Status,
    Guid? BatchId,
    Uri? DownloadUrl,
    Uri? StatusUrl,
    KonvrtJobError? Error,
    KonvrtJobInput Input,
    IReadOnlyList<KonvrtJobOutput> Outputs,
    int CreditsCharged,
    bool Cached,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public bool IsCompleted => Status == "completed";

    public bool IsFailed => Status == "failed";

    /// <summary>Completed or failed: waiting longer changes nothing.</summary>
    public bool IsFinished => IsCompleted || IsFailed;
}

public sealed record KonvrtJobError(string Code, string Message);

public sealed record KonvrtJobInput(string FileName, Uri? Url, string? Format, int? Width, int? Height, long? Bytes, int? Frames);

public sealed record KonvrtJobOutput(
    string Name, string Status, string? Format, int? Width, int? Height, long? Bytes, int? Quality, bool Cached, Uri? DownloadUrl, KonvrtStoredOutput? Stored);

public sealed record KonvrtStoredOutput(string Destination, string Key, string Status, string? Error);

/// <summary>Several sources converted by one request.</summary>
public sealed record KonvrtBatch(
    Guid BatchId, string Status, int Total, int Completed, int Failed, int CreditsCharged, Uri StatusUrl, Uri DownloadUrl, IReadOnlyList<KonvrtJob> Jobs)
{
    public bool IsFinished => Completed + Failed == Total;
}

internal sealed record KonvrtJobPage(IReadOnlyList<KonvrtJob> Items, int Page, int PageSize, int TotalCount);

public sealed record KonvrtAccount(KonvrtWorkspace Workspace, string Plan, int CreditBalance, KonvrtRateLimit RateLimit);

public sealed record KonvrtWorkspace(Guid Id, string Name);

public sealed record KonvrtRateLimit(int RequestsPerMinute);

public sealed record KonvrtWebhookEndpoint(
    Guid Id, Uri Url, string? Description, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretExpiresAt);

/// <summary>An endpoint with its signing secret: answered only when it is made and when its secret is rotated.</summary>
public sealed record KonvrtWebhookSecret(KonvrtWebhookEndpoint Endpoint, string Secret);

/// <summary>What to change on an endpoint; what is left null stays as it is.</summary>
public sealed record KonvrtWebhookChanges(Uri? Url = null, string? Description = null, IReadOnlyList<string>? Events = null, bool? Enabled = null);

public sealed record KonvrtPreset(
    string Name, string? Description, bool BuiltIn, IReadOnlyList<System.Text.Json.JsonElement> Outputs, System.Text.Json.JsonElement? Options);

public sealed record KonvrtStorageDestination(
    string Name, Uri? Endpoint, string Region, string Bucket, string AccessKeyId, bool ForcePathStyle, string? Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset CheckedAt);

/// <summary>A bucket to add: its secret goes to the server once and is never answered back.</summary>
public sealed record KonvrtNewStorageDestination(
    string Name, string Bucket, string AccessKeyId, string SecretAccessKey, string Region = "us-east-1", Uri? Endpoint = null,
    bool? ForcePathStyle = null, string? Prefix = null);

/// <summary>Which jobs to list.</summary>
public sealed record KonvrtJobFilter(string? Status = null, int PageSize = 50);
