using System.Net;
using System.Net.Sockets;

namespace VideoPlatform.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless private targets are allowed: everything that is not a public
/// unicast address (loopback, private, link-local with the cloud metadata service, unique-local, multicast, reserved),
/// including IPv4 addresses written in IPv6 forms (mapped, compatible, NAT64).
/// </summary>
public static class WebhookAddresses
{
    private static readonly (IPAddress Network, int Prefix)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly (IPAddress Network, int Prefix)[] BlockedV6 =
    [
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("fec0::"), 10),
        (IPAddress.Parse("ff00::"), 8),
    ];

    private static readonly (IPAddress Network, int Prefix) Nat64 = (IPAddress.Parse("64:ff9b::"), 96);

    public static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return BlockedV4.Any(b => address.IsInSubnet(b.Network, b.Prefix));
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivate(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // :: , ::1 and the deprecated IPv4-compatible ::a.b.c.d
            return true;
        }

        if (address.IsInSubnet(Nat64.Network, Nat64.Prefix))
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
        }

        return BlockedV6.Any(b => address.IsInSubnet(b.Network, b.Prefix));
    }

    private static bool IsInSubnet(this IPAddress address, IPAddress network, int prefix) =>
        new IPNetwork(network, prefix).Contains(address);
}
