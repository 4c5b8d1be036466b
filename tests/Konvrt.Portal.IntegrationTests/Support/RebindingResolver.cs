using System.Net;
using Konvrt.Portal.Infrastructure.Outbound;

namespace Konvrt.Portal.IntegrationTests.Support;

/// <summary>
/// A DNS server that answers a public address the first time it is asked about <see cref="Host"/> and 127.0.0.1
/// after: the rebinding trick that beats a check made only when a URL is saved or received. Each portal gets its own.
/// </summary>
public sealed class RebindingResolver : IHostResolver
{
    public const string Host = "rebind.test";
    private int asked;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => host == Host
        ? Task.FromResult(new[] { Interlocked.Increment(ref asked) == 1 ? IPAddress.Parse("93.184.216.34") : IPAddress.Loopback })
        : new DnsHostResolver().ResolveAsync(host, cancellationToken);
}
