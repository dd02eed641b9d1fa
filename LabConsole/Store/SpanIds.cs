using System.Buffers.Binary;
using Google.Protobuf;

namespace TracingLab.Dashboard.Store;

/// <summary>8-byte span ids as ulong (0 = none).</summary>
public static class SpanIds
{
    public static bool TryFromBytes(ByteString bytes, out ulong id) => TryFromBytes(bytes.Span, out id);

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out ulong id)
    {
        id = bytes.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : 0;
        return id != 0;
    }

    public static ByteString ToByteString(ulong id)
    {
        if (id == 0)
        {
            return ByteString.Empty;
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, id);
        return ByteString.CopyFrom(bytes);
    }

    public static string ToHex(ulong id) => id.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out ulong id)
    {
        id = 0;
        return text is { Length: 16 }
            && ulong.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out id)
            && id != 0;
    }
}
