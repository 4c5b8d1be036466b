using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Features.Conversion.Options;

namespace Konvrt.Portal.Features.Jobs;

public enum StoreStatus
{
    /// <summary>Waiting for the conversion.</summary>
    Pending,
    Stored,
    /// <summary>The last upload failed; it is tried again on the schedule.</summary>
    Retrying,
    /// <summary>Every upload of the schedule failed (or the destination was deleted).</summary>
    Failed,
}

/// <summary>
/// One output of a job: its name, the options that make it, what was made, and — when the job names a storage
/// destination — where in the workspace's bucket it goes and how that went.
/// </summary>
public sealed class JobOutput
{
    public Guid JobId { get; init; }
    /// <summary>Its place in the request: output 0 is the job's main output.</summary>
    public int Index { get; init; }
    public required string Name { get; init; }

    /// <summary>The options, checked once when the job was submitted; stored as their canonical fields (JSON).</summary>
    public required ConversionOptions Options { get; init; }
    /// <summary>The options' canonical text: the result cache matches on it.</summary>
    public required string OptionsNormalized { get; init; }

    public string? Blob { get; set; }
    public string? Format { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public long? Bytes { get; set; }
    /// <summary>The quality <c>quality=auto</c> chose; null where the caller gave one or none applies.</summary>
    public int? Quality { get; set; }
    /// <summary>Served from an earlier job's identical output: not converted, not charged.</summary>
    public bool Cached { get; set; }
    public Guid? CachedFromJobId { get; set; }

    /// <summary>The object key in the job's storage destination (prefix included); null when the job stores nowhere.</summary>
    public string? StorageKey { get; set; }
    public StoreStatus? StoreStatus { get; set; }
    public string? StoreError { get; set; }
    public int StoreAttempts { get; set; }
    public DateTimeOffset? StoreNextAttemptAt { get; set; }
    /// <summary>Held by the host retrying the upload, so that two hosts never upload it at once.</summary>
    public DateTimeOffset? StoreLeaseExpiresAt { get; set; }
    public DateTimeOffset? StoredAt { get; set; }

    public bool IsMade => Blob is not null;

    /// <summary>The format made, which <c>format=auto</c> chose; null until then.</summary>
    public OutputFormat? MadeFormat => OutputFormats.TryParse(Format, out var made) ? made : null;

    /// <summary>With <c>format=auto</c> the storage key was made before the format was chosen: its extension goes in now.</summary>
    public void CompleteStorageKey()
    {
        if (StorageKey is { } key && MadeFormat is { } made)
        {
            StorageKey = Presets.StoragePaths.FillExtension(key, made.Extension());
        }
    }
}
