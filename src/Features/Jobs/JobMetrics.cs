using Konvrt.Portal.Infrastructure.Telemetry;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>A finished job in the metrics: one conversion with its formats, origin and outcome, and each stage's time.</summary>
public static class JobMetrics
{
    public static void Record(KonvrtMetrics metrics, ConversionJob job)
    {
        metrics.Conversions.Add(1,
            new("input_format", job.InputFormat ?? "unknown"),
            new("output_format", job.Status == JobStatus.Completed ? job.Main.Format ?? "unknown" : job.Main.Options.Format.ToString().ToLowerInvariant()),
            new("origin", job.Origin.ToString().ToLowerInvariant()),
            new("outcome", job.Status == JobStatus.Completed ? "completed" : "failed"));
        foreach (var (stage, seconds) in Stages(job))
        {
            metrics.StageDuration.Record(seconds, new KeyValuePair<string, object?>("stage", stage));
        }
    }

    /// <summary>The stages the job's own timestamps bound; one it never reached (a failed job's later ones) is left out.</summary>
    public static IEnumerable<(string Stage, double Seconds)> Stages(ConversionJob job)
    {
        var bounds = new (string Stage, DateTimeOffset? Start, DateTimeOffset? End)[]
        {
            ("fetch", job.SourceUrl is null ? null : job.CreatedAt, job.SourceUrl is null ? null : job.UploadedAt),
            ("validate", job.UploadedAt, job.ValidatedAt),
            ("convert", job.ValidatedAt, job.ConvertedAt),
            ("encode", job.ConvertedAt, job.OptimizedAt),
            ("store", job.OptimizedAt, job.StoredAt),
            ("notify", job.StoredAt ?? job.CompletedAt, job.NotifiedAt),
        };
        return bounds.Where(bound => bound is { Start: not null, End: not null } && bound.End >= bound.Start)
            .Select(bound => (bound.Stage, (bound.End!.Value - bound.Start!.Value).TotalSeconds));
    }
}
