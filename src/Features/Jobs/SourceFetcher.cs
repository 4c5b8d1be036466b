using System.Net;
using System.Net.Http.Headers;
using Konvrt.Portal.Features.Conversion;
using Konvrt.Portal.Infrastructure.Errors;
using Konvrt.Portal.Infrastructure.Outbound;
using Konvrt.Portal.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Jobs;

/// <summary>A URL source could not be made into an input: the job fails with this error and costs nothing.</summary>
public sealed class SourceFetchException(PortalError error, string message) : Exception(message)
{
    public PortalError Error { get; } = error;
}

/// <summary>
/// The pipeline's Fetch step. Connections go through the outbound address policy (checked on the address actually
/// connected to, so DNS rebinding fails); redirects are followed by hand, at most <see cref="MaxRedirects"/>, each
/// one's target checked again; the size limit holds while the body streams in (a missing or lying Content-Length
/// changes nothing); the whole fetch has a deadline; no cookies, credentials or proxy are ever sent.
/// </summary>
public sealed class SourceFetcher(OutboundPolicy outbound, IBlobStore blobs, IOptions<ConversionLimits> limits, IOptions<JobsOptions> options, TimeProvider clock)
    : IDisposable
{
    public const int MaxRedirects = 5;
    private readonly HttpClient http = CreateClient(outbound);

    /// <summary>Streams the URL's body into <paramref name="key"/>; throws <see cref="SourceFetchException"/> saying why not.</summary>
    public async Task<UploadWriter.Stored> FetchAsync(Uri url, string key, CancellationToken cancellationToken)
    {
        var seconds = options.Value.FetchTimeoutSeconds;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), clock);
        using var fetching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var maxBytes = limits.Value.MaxInputBytes;
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (current.Scheme is not ("http" or "https") || current.UserInfo.Length > 0)
                {
                    throw Unreachable($"{current.GetLeftPart(UriPartial.Authority)} is not an http(s) URL without credentials.");
                }
                using var response = await SendAsync(current, fetching.Token);
                if (IsRedirect(response.StatusCode))
                {
                    if (response.Headers.Location is not { } location)
                    {
                        throw Unreachable($"{current.Host} answered {(int)response.StatusCode} without saying where to.");
                    }
                    if (redirects == MaxRedirects)
                    {
                        throw Unreachable($"The URL redirected more than {MaxRedirects} times.");
                    }
                    current = new Uri(current, location);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw Unreachable($"{current.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
                if (response.Content.Headers.ContentLength > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
                await using var body = await response.Content.ReadAsStreamAsync(fetching.Token);
                try
                {
                    return await UploadWriter.StoreAsync(blobs, key, body, maxBytes, fetching.Token);
                }
                catch (ConversionException refused) when (refused.Error == ConversionError.InputTooLarge)
                {
                    throw TooLarge(maxBytes);
                }
                catch (Exception cut) when (cut is IOException or HttpRequestException && !fetching.IsCancellationRequested)
                {
                    throw Unreachable($"{current.Host} stopped sending before the image was complete.");
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"The URL did not deliver the image within {seconds:0} seconds.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/*"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.5));
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException failed) when (OutboundAddressRefusedException.FoundIn(failed) is { } refused)
        {
            throw Unreachable($"{refused.Message} Only public addresses are fetched.");
        }
        catch (HttpRequestException failed)
        {
            throw Unreachable($"{url.Host} could not be reached: {failed.Message}");
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static SourceFetchException Unreachable(string message) => new(ErrorCatalog.SourceUnreachable, message);

    private static SourceFetchException TooLarge(long maxBytes) =>
        new(ErrorCatalog.SourceTooLarge, $"The image at the URL is larger than {maxBytes / (1024 * 1024)} MB, the most this server accepts.");

    private static HttpClient CreateClient(OutboundPolicy outbound)
    {
        // The deadline is the fetch's own (redirects included), not the client's per request.
        var client = new HttpClient(outbound.CreateHandler(TimeSpan.FromSeconds(10))) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Konvrt-Fetch/1.0");
        return client;
    }

    public void Dispose() => http.Dispose();
}
