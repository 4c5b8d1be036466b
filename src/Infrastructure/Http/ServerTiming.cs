using System.Diagnostics;
using System.Globalization;

namespace Konvrt.Portal.Infrastructure.Http;

/// <summary>
/// Where an API request's time went, answered as the W3C <c>Server-Timing</c> header
/// (<c>read;dur=0.4, save;dur=1.1, convert;dur=11.8, …</c>), which browsers' developer tools and the benchmark read.
/// A step measures itself with <c>using (ServerTiming.Measure("save"))</c>; outside a measured request (a
/// background worker) that costs a null check. The collector flows with the request's async calls, into the job
/// the request runs itself.
/// </summary>
public static class ServerTiming
{
    public const string Header = "Server-Timing";
    private static readonly AsyncLocal<Collector?> current = new();

    /// <summary>Starts collecting for the rest of this request's async flow, and writes the header when the response starts.</summary>
    public static void Start(HttpContext context)
    {
        var collector = new Collector();
        current.Value = collector;
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            collector.Add("total", Stopwatch.GetElapsedTime(started));
            context.Response.Headers[Header] = collector.ToString();
            return Task.CompletedTask;
        });
    }

    public static Span Measure(string name) => new(current.Value, name, Stopwatch.GetTimestamp());

    /// <summary>A step timed by its own clock (the engine's stages, reported as they end).</summary>
    public static void Record(string name, TimeSpan spent) => current.Value?.Add(name, spent);

    public readonly struct Span(Collector? collector, string name, long started) : IDisposable
    {
        public void Dispose() => collector?.Add(name, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The steps in the order they first ended; a step measured twice adds up.</summary>
    public sealed class Collector
    {
        private readonly List<(string Name, TimeSpan Spent)> steps = [];

        public void Add(string name, TimeSpan spent)
        {
            lock (steps)
            {
                var index = steps.FindIndex(step => step.Name == name);
                if (index < 0)
                {
                    steps.Add((name, spent));
                }
                else
                {
                    steps[index] = (name, steps[index].Spent + spent);
                }
            }
        }

        public override string ToString()
        {
            lock (steps)
            {
                return string.Join(", ", steps.Select(step => string.Create(CultureInfo.InvariantCulture, $"{step.Name};dur={step.Spent.TotalMilliseconds:0.###}")));
            }
        }
    }
}
