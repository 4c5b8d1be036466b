using System.Net;
using System.Net.Sockets;

namespace Konvrt.Portal.Features.Webhooks;

/// <summary>
/// Which addresses a webhook may reach: public unicast only. Loopback, private, link-local (and so cloud
/// metadata at 169.254.169.254), carrier-grade NAT, unspecified, multicast and reserved ranges are refused,
/// in IPv4, in IPv6, and in the IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4).
/// </summary>
public static class AddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                   // 0.0.0.0/8 "this network"
        || b[0] == 10                               // 10/8 private
        || b[0] == 127                              // loopback
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // 100.64/10 carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)             // link-local, cloud metadata
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)  // 172.16/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)  // 192.0.0/24 protocol assignments
        || (b[0] == 192 && b[1] == 168)             // 192.168/16 private
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // 198.18/15 benchmarking
        || b[0] >= 224);                            // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6None)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC)
        {
            return false; // fc00::/7 unique local
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            return IsPublicV4(b[12..16]); // 64:ff9b::/96 NAT64 (and 64:ff9b:1::/48 local NAT64 falls here too)
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]); // 2002::/16 6to4
        }
        // ::/96 IPv4-compatible (deprecated) and anything else under ::/8 is not a public unicast address.
        return b[0] != 0x00;
    }
}
