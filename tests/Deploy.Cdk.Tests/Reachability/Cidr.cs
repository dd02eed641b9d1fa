using System.Net;

namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>An IPv4 CIDR as a network number and prefix, for containment checks.</summary>
public readonly record struct Cidr(uint Network, int Prefix)
{
    public static Cidr Parse(string text)
    {
        var parts = text.Split('/');
        var bytes = IPAddress.Parse(parts[0]).GetAddressBytes();
        return new Cidr((uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private uint Mask => Prefix == 0 ? 0 : uint.MaxValue << (32 - Prefix);

    /// <summary>True when every address of <paramref name="inner"/> is in this CIDR.</summary>
    public bool Contains(Cidr inner) => inner.Prefix >= Prefix && (inner.Network & Mask) == (Network & Mask);

    public static bool Covers(string outer, string inner) => Parse(outer).Contains(Parse(inner));
}
