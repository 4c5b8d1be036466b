namespace Konvrt.Portal.Features.ApiKeys;

/// <summary>
/// What a test key (<c>kvt_test_…</c>) may do, as Stripe's test mode: real conversions on every plan, charged nothing,
/// kept briefly and small, so trying the API costs the operator little. The request limit is <c>Api:RateLimits:Test</c>.
/// </summary>
public static class TestMode
{
    /// <summary>Outputs shrink, keeping their shape, to at most a megapixel.</summary>
    public const int MaxOutputPixels = 1_000_000;

    /// <summary>Files of test jobs go after a day at most, whatever <c>Jobs:RetentionHours</c> says.</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromHours(24);

    /// <summary>What a test key does, as the API keys page, its dialog and the quickstart say it.</summary>
    public static string Summary(int requestsPerMinute) =>
        $"Real conversions, charged nothing: {requestsPerMinute} requests a minute, outputs at most 1 megapixel, kept {Retention.TotalHours:0} hours. " +
        "Their jobs show in the history under \"Test data\".";
}
