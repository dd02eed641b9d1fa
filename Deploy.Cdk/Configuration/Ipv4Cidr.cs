using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TracingLab.Deploy.Configuration;

/// <summary>An IPv4 network in CIDR notation, parsed strictly (host bits must be zero).</summary>
public readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    /// <summary>The first address after the network, as an unsigned 64-bit number (avoids overflow for /0).</summary>
    private ulong End => Network + (1UL << (32 - PrefixLength));

    /// <summary>True when the two networks share at least one address.</summary>
    public bool Overlaps(Ipv4Cidr other) => Network < other.End && other.Network < End;

    /// <summary>Parses <c>a.b.c.d/n</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out Ipv4Cidr cidr, out string error)
    {
        cidr = default;
        error = "";
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2
            || !IPAddress.TryParse(parts[0], out var address)
            || address.AddressFamily != AddressFamily.InterNetwork
            || parts[0].Count(c => c == '.') != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix is < 0 or > 32)
        {
            error = "is not an IPv4 CIDR such as 10.10.0.0/16";
            return false;
        }

        var bytes = address.GetAddressBytes();
        var value = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        if ((value & ~mask) != 0)
        {
            error = "has host bits set (the address must be the first of its network)";
            return false;
        }

        cidr = new Ipv4Cidr(value, prefix);
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Network >> 24}.{(Network >> 16) & 255}.{(Network >> 8) & 255}.{Network & 255}/{PrefixLength}");
}
