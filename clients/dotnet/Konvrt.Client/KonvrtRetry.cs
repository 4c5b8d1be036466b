using System.Net;

namespace Konvrt.Client;

/// <summary>When to try a call again, and how long to wait first.</summary>
internal static class KonvrtRetry
{
    /// <summary>
    /// The answers that say "later": the rate limit, a busy server (both did nothing), and an earlier try of the same
    /// idempotent request still being worked on (409 with Retry-After: the retry gets its answer once it is done).
    /// </summary>
    public static bool IsWorthRetrying(HttpResponseMessage response, HttpRequestMessage request) => response.StatusCode switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,
        HttpStatusCode.Conflict => response.Headers.RetryAfter is not null && request.Headers.Contains("Idempotency-Key"),
        _ => false,
    };

    /// <summary>What the server asked for (seconds or a date), when it did.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow(),
        _ => null,
    };

    /// <summary>
    /// The server's word when it gave one (plus up to 10 % so that many clients told the same second do not return
    /// together); else exponential backoff with full jitter. Never above <see cref="KonvrtClientOptions.MaxRetryDelay"/>.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan? retryAfter, KonvrtClientOptions options)
    {
        var wait = retryAfter is { } asked && asked > TimeSpan.Zero
            ? asked + asked * (Random.Shared.NextDouble() * 0.1)
            : options.RetryBaseDelay * (Math.Pow(2, attempt) * Random.Shared.NextDouble());
        return wait < options.MaxRetryDelay ? wait : options.MaxRetryDelay;
    }
}
