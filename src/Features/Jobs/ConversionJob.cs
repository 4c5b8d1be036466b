using Konvrt.Portal.Features.ApiKeys;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>
/// One source made into one or more outputs, from upload (or fetch) to notification, owned by a workspace. Never
/// lost: it is persisted before any work starts, and every change of status is a conditional update guarded by
/// the worker's lease. A request with several sources makes one job per source, grouped in a <see cref="Batch"/>.
/// </summary>
public sealed class ConversionJob
{
    /// <summary>122 random bits (a version 4 GUID from the OS's secure generator): unguessable.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public JobOrigin Origin { get; init; }
    public Guid? ApiKeyId { get; init; }
    /// <summary>Made with a test key: converted for real, charged nothing, kept a day, hidden unless "Test data" is on.</summary>
    public bool IsTest { get; init; }
    public string? WebhookUrl { get; init; }
    public Guid? BatchId { get; init; }
    /// <summary>The W3C <c>traceparent</c> of the request that asked for the job: its stages continue that trace.</summary>
    public string? TraceParent { get; init; }

    public required string SourceFileName { get; init; }
    /// <summary>Where the worker fetches the source from; null for an upload.</summary>
    public string? SourceUrl { get; init; }
    public required string InputBlob { get; set; }
    public long InputBytes { get; set; }
    /// <summary>Empty until a URL source has been fetched.</summary>
    public required string InputSha256 { get; set; }
    public string? InputFormat { get; set; }
    public int? InputWidth { get; set; }
    public int? InputHeight { get; set; }
    public int? InputFrames { get; set; }

    /// <summary>What is made of the source, in the order asked; at least one.</summary>
    public List<JobOutput> Outputs { get; init; } = [];

    /// <summary>The workspace's storage destination the outputs are stored in (the Store step), and its name as it was then.</summary>
    public Guid? StorageId { get; init; }
    public string? StorageName { get; init; }

    public JobStatus Status { get; set; } = JobStatus.Queued;
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }

    /// <summary>What the workspace paid for every output together; given back if the job fails.</summary>
    public int CreditsCharged { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset? ValidatedAt { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }
    public DateTimeOffset? OptimizedAt { get; set; }
    public DateTimeOffset? StoredAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>When the files go (<c>Jobs:RetentionHours</c> after upload).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }

    public int Attempts { get; set; }
    /// <summary>Not before this time may a worker take the job (retries back off).</summary>
    public DateTimeOffset AvailableAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    /// <summary>Bumped by every claim: a worker whose claim is stale cannot change the job any more.</summary>
    public int LeaseVersion { get; set; }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Expired;

    /// <summary>What validation found out about the source.</summary>
    public void Validated(Conversion.Input.SourceImage source, DateTimeOffset at)
    {
        InputFormat = source.Format.Name();
        InputWidth = source.Width;
        InputHeight = source.Height;
        InputFrames = source.Frames;
        ValidatedAt = at;
    }

    /// <summary>Refused before it was saved (its file), so it is saved failed and never charged.</summary>
    public void Fail(string code, string message, DateTimeOffset at)
    {
        Status = JobStatus.Failed;
        ErrorCode = code;
        ErrorMessage = message;
        CompletedAt = at;
        CreditsCharged = 0;
    }

    public bool IsFetched => SourceUrl is null || InputSha256.Length > 0;

    /// <summary>The first output asked for: what <c>/download/{jobId}</c> serves, and what one-output callers read.</summary>
    public JobOutput Main => Outputs.MinBy(output => output.Index) ?? throw new InvalidOperationException($"The job {Id} has no outputs.");

    /// <summary>The output of that name, or the main output when no name is given; null when there is none by that name.</summary>
    public JobOutput? OutputNamed(string? name) => name is null ? Main : Outputs.FirstOrDefault(output => output.Name == name);

    /// <summary>The main output's size once made: what the history shows and sorts by.</summary>
    public long? MainOutputBytes => Outputs.FirstOrDefault(output => output.Index == 0)?.Bytes;

    /// <summary>Every output came from the cache: nothing was converted.</summary>
    public bool Cached => Outputs.Count > 0 && Outputs.All(output => output.Cached);

    /// <summary>The options an output is made with: as asked, within a test key's pixel ceiling.</summary>
    public ConversionOptions OptionsOf(JobOutput output) =>
        IsTest ? output.Options with { MaxPixels = TestMode.MaxOutputPixels } : output.Options;

    /// <summary>What the outputs still to make cost for an input this large; a test job costs nothing.</summary>
    public int CostFor(long inputBytes, IJobCharges charges) =>
        IsTest ? 0 : charges.CostOf(inputBytes) * Outputs.Count(output => !output.Cached);
}
