using System.Collections.Concurrent;

namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// A sliding-window log: each partition remembers the times of its requests in the last window, so no span of
/// one window ever admits more than the limit (a fixed window lets twice the limit through across its boundary),
/// and the wait it announces is exact: the moment the oldest counted request leaves the window.
/// System.Threading.RateLimiting's limiters can say neither (their RetryAfter is a whole window or segment) and
/// run on their own timers, where this runs on the injected <see cref="TimeProvider"/>. One process's count: what a
/// single instance on SQLite uses.
/// </summary>
public sealed class SlidingWindowLog(TimeProvider clock, TimeSpan window) : ISlidingWindow
{
    private const int SweepEvery = 4096;
    private readonly ConcurrentDictionary<string, Log> logs = new(StringComparer.Ordinal);
    private int acquisitions;

    public TimeSpan Window => window;

    public ValueTask<WindowDecision> AcquireAsync(string partition, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Acquire(partition, limit));

    /// <inheritdoc cref="ISlidingWindow.AcquireAsync"/>
    public WindowDecision Acquire(string partition, int limit)
    {
        if (Interlocked.Increment(ref acquisitions) % SweepEvery == 0)
        {
            SweepIdle();
        }
        while (true)
        {
            var log = logs.GetOrAdd(partition, _ => new Log());
            lock (log)
            {
                if (log.Retired)
                {
                    continue;
                }
                var now = clock.GetUtcNow().UtcTicks;
                log.Forget(olderThan: now - window.Ticks);
                var admitted = log.Count < limit;
                if (admitted)
                {
                    log.Add(now);
                }
                return WindowDecision.From(log.Times, admitted, limit, now, window);
            }
        }
    }

    /// <summary>Drops partitions with nothing in the window, so addresses seen once do not stay in memory.</summary>
    private void SweepIdle()
    {
        var horizon = clock.GetUtcNow().UtcTicks - window.Ticks;
        foreach (var (partition, log) in logs)
        {
            lock (log)
            {
                log.Forget(horizon);
                if (log.Count == 0)
                {
                    log.Retired = true;
                    logs.TryRemove(KeyValuePair.Create(partition, log));
                }
            }
        }
    }

    /// <summary>Request times in order, oldest first (a ring would save little: a log holds at most the limit).</summary>
    private sealed class Log
    {
        private readonly List<long> times = [];

        public bool Retired { get; set; }

        public int Count => times.Count;

        public IReadOnlyList<long> Times => times;

        public void Add(long ticks) => times.Add(ticks);

        public void Forget(long olderThan)
        {
            var stale = 0;
            while (stale < times.Count && times[stale] <= olderThan)
            {
                stale++;
            }
            times.RemoveRange(0, stale);
        }
    }
}
