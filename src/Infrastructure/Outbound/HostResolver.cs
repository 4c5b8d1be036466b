using System.Net;

namespace Konvrt.Portal.Infrastructure.Outbound;

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

/// <summary>The address a connection would have reached is not one it may reach.</summary>
public sealed class OutboundAddressRefusedException(string host, IReadOnlyList<IPAddress> addresses)
    : Exception($"{host} resolves to {string.Join(", ", addresses)}: not a public address, so nothing was sent.")
{
    public string Host { get; } = host;

    /// <summary>The refusal behind a failed call, however deep a client library wrapped it; null when it was something else.</summary>
    public static OutboundAddressRefusedException? FoundIn(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is OutboundAddressRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
