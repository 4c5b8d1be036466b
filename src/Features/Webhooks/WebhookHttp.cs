using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>Turns a host name into addresses. Replaceable, so tests can play a DNS server that changes its answer.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? Task.FromResult(new[] { literal }) : Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>The address a webhook would have reached is not one it may reach.</summary>
public sealed class WebhookAddressRefusedException(string host, IReadOnlyList<IPAddress> addresses)
    : Exception($"{host} resolves to {string.Join(", ", addresses)}: not a public address, so nothing was sent.")
{
    public string Host { get; } = host;
}

/// <summary>
/// The only HTTP client webhooks are sent with. It resolves the host itself and connects only to an
/// address that passes <see cref="AddressPolicy"/>: the check is on the address actually connected to,
/// so neither DNS rebinding nor a redirect (never followed) can reach the inside. Proxy settings of the
/// environment are ignored.
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    private readonly IHostResolver resolver;
    private readonly IOptions<WebhooksOptions> options;

    public WebhookHttp(IHostResolver resolver, IOptions<WebhooksOptions> options)
    {
        this.resolver = resolver;
        this.options = options;
        Client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds),
        };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("Konvrt-Webhooks/1.0");
    }

    public HttpClient Client { get; }

    public bool Allows(IPAddress address) => options.Value.AllowPrivateNetworks || AddressPolicy.IsPublic(address);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await resolver.ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(Allows).ToList();
        if (allowed.Count == 0)
        {
            throw new WebhookAddressRefusedException(host, addresses);
        }
        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>Checks a webhook URL when it is saved, so that a mistake is told at once and in words.</summary>
public sealed class WebhookUrlPolicy(IHostResolver resolver, WebhookHttp http)
{
    /// <summary>Null when the URL may be used, otherwise why not.</summary>
    public async Task<string?> ProblemWithAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "must be an absolute http:// or https:// URL.";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "must not carry a user name or password; authenticate with the signature instead.";
        }
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"{uri.Host} does not resolve to any address.";
        }
        var refused = addresses.Where(address => !http.Allows(address)).ToList();
        if (addresses.Length == 0)
        {
            return $"{uri.Host} does not resolve to any address.";
        }
        return refused.Count > 0
            ? $"{uri.Host} resolves to {string.Join(", ", refused)}, a private or local address; webhooks are only sent to public addresses (a self-hoster can allow private networks with Webhooks:AllowPrivateNetworks)."
            : null;
    }
}
