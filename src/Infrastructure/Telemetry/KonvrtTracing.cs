using System.Diagnostics;

namespace Konvrt.Portal.Infrastructure.Telemetry;

/// <summary>
/// Konvrt's spans. Work that outlives its request (a queued job, a webhook sent minutes later) keeps the W3C
/// <c>traceparent</c> of the span that started it in its row, and continues that trace when it runs: one trace from
/// the request through the job's stages to the webhook delivery, on whichever instance picks the work up.
/// </summary>
public static class KonvrtTracing
{
    public const string SourceName = "Konvrt";

    /// <summary>The longest <c>traceparent</c> (version 00 is 55 characters; later versions may append).</summary>
    public const int MaxTraceParentLength = 128;

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>What to store with work that runs later, so it can continue this trace.</summary>
    public static string? CurrentTraceParent => Activity.Current?.Id is { Length: <= MaxTraceParentLength } id
        && Activity.Current.IdFormat == ActivityIdFormat.W3C ? id : null;

    /// <summary>
    /// A span under <paramref name="traceParent"/> (stored when the work was asked for), or under the current span when
    /// there is none stored. Null when nobody listens, as <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>.
    /// </summary>
    public static Activity? Continue(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal)
    {
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            && Activity.Current?.TraceId != parent.TraceId)
        {
            return Source.StartActivity(name, kind, parent);
        }
        return Source.StartActivity(name, kind);
    }

    /// <summary>A child span of the current one, for one stage of a job.</summary>
    public static Activity? Stage(string name) => Source.StartActivity($"konvrt.{name}");

    /// <summary>
    /// A stage known only once it ended (the converter reports each stage's end from inside one call): a child span of
    /// the current one, drawn after the fact with its true start.
    /// </summary>
    public static void Ended(string name, TimeSpan took)
    {
        var end = DateTimeOffset.UtcNow;
        using var span = Source.StartActivity($"konvrt.{name}", ActivityKind.Internal, parentContext: default, startTime: end - took);
        span?.SetEndTime(end.UtcDateTime);
    }

    /// <summary>Marks the span failed with the error's stable code (never its message: it may quote the customer's data).</summary>
    public static void Failed(this Activity? activity, string code) => activity?.SetStatus(ActivityStatusCode.Error, code);
}
