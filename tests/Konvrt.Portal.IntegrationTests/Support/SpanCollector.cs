using System.Collections.Concurrent;
using System.Diagnostics;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// Listens to the spans every host in this process makes and keeps those of one trace, as a collector would see them.
/// The trace id is the test's own (sent as the request's <c>traceparent</c>), so other tests' spans never mix in.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Activity> ended = new();

    public SpanCollector(ActivityTraceId traceId)
    {
        TraceId = traceId;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Konvrt" or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    ended.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public ActivityTraceId TraceId { get; }

    public IReadOnlyList<Activity> Spans => [.. ended];

    /// <summary>A fresh trace to follow, with the header that puts a request in it.</summary>
    public static (SpanCollector Collector, string TraceParent) Start()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return (new SpanCollector(traceId), $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    /// <summary>The span's ancestors' names, nearest first, as far as this trace's spans go.</summary>
    public IReadOnlyList<string> AncestorsOf(Activity span)
    {
        var byId = Spans.ToDictionary(s => s.SpanId);
        var names = new List<string>();
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var found); parent = found.ParentSpanId)
        {
            names.Add(found.OperationName);
        }
        return names;
    }

    public void Dispose() => listener.Dispose();
}
