using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Konvrt.Client;

/// <summary>
/// The Konvrt API, typed. Every call takes a cancellation token; uploads and downloads stream; a call refused with 429
/// or 503, or cut off by the network, is tried again after the server's <c>Retry-After</c> (else a growing, jittered
/// wait), and a conversion carries one <c>Idempotency-Key</c> across its tries so that it never converts or charges twice.
/// A refusal is a <see cref="KonvrtApiException"/> carrying the server's problem.
/// </summary>
public sealed partial class KonvrtClient
{
    private const string Api = "api/v1/";
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private readonly HttpClient http;
    private readonly KonvrtClientOptions options;
    private readonly TimeProvider clock;

    /// <summary>For <c>IHttpClientFactory</c> (<see cref="KonvrtServiceCollectionExtensions.AddKonvrtClient"/>).</summary>
    [ActivatorUtilitiesConstructor]
    public KonvrtClient(HttpClient http, IOptions<KonvrtClientOptions> options)
        : this(http, options.Value)
    {
    }

    /// <summary>Over an <see cref="HttpClient"/> of the caller's (its <c>BaseAddress</c> and headers are left alone).</summary>
    public KonvrtClient(HttpClient http, KonvrtClientOptions options)
        : this(http, options, TimeProvider.System)
    {
    }

    internal KonvrtClient(HttpClient http, KonvrtClientOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.http = http;
        this.options = options;
        this.clock = clock;
    }

    /// <summary>A client with an <see cref="HttpClient"/> of its own (for scripts; services use <c>AddKonvrtClient</c>).</summary>
    public static KonvrtClient Create(KonvrtClientOptions options) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options);

    private Uri Address(string relative) => new(new Uri(options.BaseAddress!.AbsoluteUri.TrimEnd('/') + "/"), Api + relative);

    /// <summary>Sends a request made afresh for each try and returns the successful answer (the caller disposes it).</summary>
    /// <remarks>
    /// <c>canRetry</c> turns false once a try has sent what cannot be sent again (a stream that cannot rewind).
    /// 429 and 503 mean the server did nothing: any request is tried again (so is a 409 saying an earlier try with the
    /// same Idempotency-Key is still being worked on). A dropped connection may have come after the
    /// server acted: only a request that is safe to repeat (a GET, PUT or DELETE, or one with an Idempotency-Key) is.
    /// </remarks>
    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> request, CancellationToken cancellationToken, Func<bool>? canRetry = null,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var message = request();
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            var safeToRepeat = message.Method != HttpMethod.Post && message.Method != HttpMethod.Patch || message.Headers.Contains(IdempotencyKeyHeader);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (safeToRepeat && attempt < options.MaxRetries && (canRetry?.Invoke() ?? true) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(KonvrtRetry.Delay(attempt, null, options), clock, cancellationToken).ConfigureAwait(false);
                continue;
            }
            Observe(response);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            using (response)
            {
                if (KonvrtRetry.IsWorthRetrying(response, message) && attempt < options.MaxRetries && (canRetry?.Invoke() ?? true))
                {
                    var wait = KonvrtRetry.Delay(attempt, KonvrtRetry.RetryAfter(response, clock), options);
                    await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw await KonvrtApiException.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Where the workspace stood with its rate limit at the last answer (IETF <c>RateLimit</c>: requests left, seconds
    /// until one more frees up), so that a caller sending many requests can pace itself instead of being refused.
    /// </summary>
    public KonvrtRateLimitState? RateLimit { get; private set; }

    private void Observe(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("RateLimit", out var values) && KonvrtRateLimitState.TryParse(values.FirstOrDefault(), clock.GetUtcNow()) is { } state)
        {
            RateLimit = state;
        }
    }

    private async Task<T> GetAsync<T>(string relative, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Address(relative)), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendJsonAsync<TBody, T>(HttpMethod method, string relative, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(method, Address(relative)) { Content = JsonContent.Create(body, bodyType) }, cancellationToken)
            .ConfigureAwait(false);
        return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendEmptyAsync(HttpMethod method, string relative, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(method, Address(relative)), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The server answered {(int)response.StatusCode} with no body.");

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>The account (workspace, plan, credit balance, rate limit) of the key.</summary>
    public Task<KonvrtAccount> GetAccountAsync(CancellationToken cancellationToken = default) =>
        GetAsync("account", KonvrtJson.Default.KonvrtAccount, cancellationToken);

    internal static bool IsNotFound(KonvrtApiException refusal) => refusal.Status == HttpStatusCode.NotFound;
}
