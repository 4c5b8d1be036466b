using System.Net;

namespace Konvrt.Portal.Infrastructure.Outbound;

/// <summary>
/// Which addresses an outbound connection may reach: public unicast only. Loopback, private, link-local (and
/// so cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified, multicast and reserved ranges are
/// refused, in IPv4, in IPv6, and in the IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4), which
/// are judged by the IPv4 address they carry.
/// </summary>
public static class AddressPolicy
{
    private static readonly IPNetwork[] RefusedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network"
        IPNetwork.Parse("10.0.0.0/8"),      // private
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),     // loopback
        IPNetwork.Parse("169.254.0.0/16"),  // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),   // private
        IPNetwork.Parse("192.0.0.0/24"),    // protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),  // private
        IPNetwork.Parse("198.18.0.0/15"),   // benchmarking
        IPNetwork.Parse("224.0.0.0/3"),     // multicast, reserved, broadcast
    ];

    private static readonly IPNetwork[] RefusedV6 =
    [
        IPNetwork.Parse("::/8"),            // unspecified, loopback, IPv4-compatible and the rest of ::/8
        IPNetwork.Parse("fc00::/7"),        // unique local
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    /// <summary>IPv6 prefixes that embed an IPv4 address, and where it sits.</summary>
    private static readonly (IPNetwork Prefix, int Offset)[] CarryingV4 =
    [
        (IPNetwork.Parse("64:ff9b::/96"), 12),  // NAT64
        (IPNetwork.Parse("64:ff9b:1::/48"), 12), // local-use NAT64
        (IPNetwork.Parse("2002::/16"), 2),       // 6to4
    ];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return !RefusedV4.Any(network => network.Contains(address));
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return false;
        }
        foreach (var (prefix, offset) in CarryingV4)
        {
            if (prefix.Contains(address))
            {
                return IsPublic(new IPAddress(address.GetAddressBytes().AsSpan(offset, 4)));
            }
        }
        return !RefusedV6.Any(network => network.Contains(address));
    }
}
