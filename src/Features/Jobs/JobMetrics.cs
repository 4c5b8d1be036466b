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

    /// <summary>
    /// Each stage between two milestones both reached; one a job never reached (a failed job's later ones) is left out.
    /// The first, from the job's creation to its bytes being there, is the Fetch of a URL; for an upload it is the
    /// request itself, which the HTTP metrics already time.
    /// </summary>
    public static IEnumerable<(string Stage, double Seconds)> Stages(ConversionJob job)
    {
        var milestones = JobMilestones.Of(job);
        var bounds = milestones.Select((milestone, index) => index == 0
            ? (Stage: "fetch", Start: job.SourceUrl is null ? null : (DateTimeOffset?)job.CreatedAt, End: milestone.At)
            // A failed job is announced without being stored: its notify stage starts when it ended.
            : (milestone.Stage, Start: milestone.Stage == "notify" ? job.StoredAt ?? job.CompletedAt : milestones[index - 1].At, End: milestone.At));
        return bounds.Where(bound => bound is { Start: not null, End: not null } && bound.End >= bound.Start)
            .Select(bound => (bound.Stage, (bound.End!.Value - bound.Start!.Value).TotalSeconds));
    }
}
