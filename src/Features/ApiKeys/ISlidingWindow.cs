namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// Counts requests per partition in a sliding window: in this process (<see cref="SlidingWindowLog"/>, SQLite's one
/// instance) or in the database every instance shares (<see cref="PostgresSlidingWindow"/>).
/// </summary>
public interface ISlidingWindow
{
    TimeSpan Window { get; }

    /// <summary>
    /// Counts the request if the partition is under <paramref name="limit"/>. <see cref="WindowDecision.Wait"/> is,
    /// when refused, how long until a request will pass; when admitted, how long until one more slot frees up.
    /// </summary>
    ValueTask<WindowDecision> AcquireAsync(string partition, int limit, CancellationToken cancellationToken);
}

public readonly record struct WindowDecision(bool Admitted, int Remaining, TimeSpan Wait)
{
    /// <summary>
    /// The decision a partition's request times (oldest first, all within the window, this request's included
    /// when it was admitted) mean at <paramref name="now"/>.
    /// </summary>
    public static WindowDecision From(IReadOnlyList<long> times, bool admitted, int limit, long now, TimeSpan window) =>
        admitted
            ? new WindowDecision(true, limit - times.Count, TimeSpan.FromTicks(times[0] + window.Ticks - now))
            // The request passes once enough of the oldest have left that fewer than the limit remain.
            : new WindowDecision(false, 0, TimeSpan.FromTicks(times[times.Count - limit] + window.Ticks - now));
}
