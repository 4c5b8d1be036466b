using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Konvrt.Portal.Infrastructure.Outbound;

/// <summary>
/// The one address policy for every connection the portal makes on a customer's behalf. Handlers from
/// <see cref="CreateHandler"/> resolve the host themselves and connect only to an address that passes
/// <see cref="AddressPolicy"/>: the check is on the address actually connected to, so neither DNS rebinding
/// nor a redirect can reach the inside. Proxy settings of the environment, redirects and cookies are off.
/// </summary>
public sealed class OutboundPolicy(IHostResolver resolver, IOptions<OutboundOptions> options)
{
    public bool Allows(IPAddress address) => options.Value.AllowPrivateNetworks || AddressPolicy.IsPublic(address);

    public SocketsHttpHandler CreateHandler(TimeSpan connectTimeout) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Checks a URL before it is saved or used, so a mistake is told at once and in words. Null when it may be used.</summary>
    public async Task<string?> ProblemWithUrlAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return "must be an absolute http:// or https:// URL.";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "must not carry a user name or password.";
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
        if (addresses.Length == 0)
        {
            return $"{uri.Host} does not resolve to any address.";
        }
        var refused = addresses.Where(address => !Allows(address)).ToList();
        return refused.Count > 0
            ? $"{uri.Host} resolves to {string.Join(", ", refused)}, a private or local address; only public addresses are reached (a self-hoster can allow private networks with {OutboundOptions.Section}:{nameof(OutboundOptions.AllowPrivateNetworks)})."
            : null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await resolver.ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(Allows).ToList();
        if (allowed.Count == 0)
        {
            throw new OutboundAddressRefusedException(host, addresses);
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
}
