namespace Konvrt.Portal.TestSupport;

/// <summary>
/// Waiting for something another process or a background service will do: the one polling loop of the
/// tests. Time is the injected clock's (the system's unless a test passes its own), never <c>DateTime.UtcNow</c>;
/// it proves things that happen, never that something did not (for that, drive the clock or call the worker).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    /// <summary>The first non-null answer of <paramref name="probe"/>; fails the test when none comes within the time.</summary>
    /// <param name="every">How often to look; a probe that calls the API must stay under its rate limit.</param>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? within = null, TimeProvider? clock = null, TimeSpan? every = null)
        where T : class
    {
        clock ??= TimeProvider.System;
        var deadline = clock.GetUtcNow() + (within ?? DefaultWithin);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(clock.GetUtcNow() < deadline, $"Waited {within ?? DefaultWithin} for {what}, in vain.");
            await Task.Delay(every ?? Every, clock);
        }
    }

    /// <summary>The same, for a probe that answers at once (a file, a list in memory).</summary>
    public static Task<T> SeenAsync<T>(Func<T?> probe, string what, TimeSpan? within = null) where T : class =>
        ValueAsync(() => Task.FromResult(probe()), what, within);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        await ValueAsync<string>(async () => await condition() ? "held" : null, what, within);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, within);
}
