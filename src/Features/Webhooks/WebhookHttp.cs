using Konvrt.Portal.Infrastructure.Outbound;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>The only HTTP client webhooks are sent with: the outbound policy's, never following a redirect.</summary>
public sealed class WebhookHttp(OutboundPolicy outbound, IOptions<WebhooksOptions> options) : IDisposable
{
    public HttpClient Client { get; } = CreateClient(outbound, options.Value);

    private static HttpClient CreateClient(OutboundPolicy outbound, WebhooksOptions options)
    {
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var client = new HttpClient(outbound.CreateHandler(timeout)) { Timeout = timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Konvrt-Webhooks/1.0");
        return client;
    }

    public void Dispose() => Client.Dispose();
}
