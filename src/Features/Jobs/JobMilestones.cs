namespace Konvrt.Portal.Features.Jobs;

/// <summary>One step of the pipeline as a job's timestamps record it: its name in metrics, its word in the portal, when it ended.</summary>
public sealed record JobMilestone(string Stage, string Label, DateTimeOffset? At);

public static class JobMilestones
{
    /// <summary>
    /// The pipeline's steps in order, each with the timestamp that ends it: defined once for the job's page (how long
    /// each took) and for the metrics (<c>konvrt_stage_duration_seconds</c>).
    /// </summary>
    public static IReadOnlyList<JobMilestone> Of(ConversionJob job) =>
    [
        new("upload", "Uploaded", job.UploadedAt),
        new("validate", "Validated", job.ValidatedAt),
        new("convert", "Converted", job.ConvertedAt),
        new("encode", "Optimized", job.OptimizedAt),
        new("store", "Stored", job.StoredAt),
        new("notify", "Notified", job.NotifiedAt),
    ];
}
