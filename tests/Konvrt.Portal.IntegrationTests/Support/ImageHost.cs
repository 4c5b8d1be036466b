using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// Where URL sources are fetched from in tests: a web server on loopback serving the test images, and the ways a
/// real site goes wrong (redirect chains, a body with no end, a page that is not an image, a server that never
/// answers). It records every request's headers.
/// </summary>
public sealed class ImageHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ImageHost(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string Path, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = new();

    /// <summary><c>/images/{name}</c>: a file of tests/TestImages.</summary>
    public string Image(string name) => $"{BaseUrl}/images/{name}";

    /// <summary>Redirects <paramref name="hops"/> times, then serves <paramref name="name"/>.</summary>
    public string Redirects(int hops, string name) => $"{BaseUrl}/redirect/{hops}/{name}";

    /// <summary>Sends image-looking bytes for ever, chunked, with no Content-Length.</summary>
    public string Endless => $"{BaseUrl}/endless.jpg";

    public string HtmlPage => $"{BaseUrl}/product.html";

    public string Missing => $"{BaseUrl}/images/missing.jpg";

    /// <summary>Accepts the request and never answers.</summary>
    public string Silent => $"{BaseUrl}/silent.jpg";

    public static async Task<ImageHost> StartAsync()
    {
        ImageHost? host = null;
        var (app, baseUrl) = await LoopbackApp.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                host!.Requests.Enqueue((context.Request.Path.Value!,
                    context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString())));
                await next(context);
            });
            app.MapGet("/images/{name}", (string name) =>
            {
                var file = Path.Combine(AppContext.BaseDirectory, "TestImages", Path.GetFileName(name));
                return File.Exists(file) ? Results.File(file, "image/jpeg") : Results.NotFound();
            });
            app.MapGet("/redirect/{hops:int}/{name}", (int hops, string name) =>
                Results.Redirect(hops <= 1 ? $"/images/{name}" : $"/redirect/{hops - 1}/{name}"));
            app.MapGet("/endless.jpg", async (HttpResponse response, CancellationToken cancellationToken) =>
            {
                response.ContentType = "image/jpeg";
                var chunk = new byte[64 * 1024];
                chunk[0] = 0xFF;
                chunk[1] = 0xD8;
                while (!cancellationToken.IsCancellationRequested)
                {
                    await response.Body.WriteAsync(chunk, cancellationToken);
                    chunk[0] = chunk[1] = 0;
                }
            });
            app.MapGet("/product.html", () => Results.Content("<html><body><img src=\"shoe.jpg\"></body></html>", "text/html"));
            app.MapGet("/silent.jpg", async (CancellationToken cancellationToken) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return Results.Ok();
            });
        });
        host = new ImageHost(app, baseUrl);
        return host;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
