using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace TracingLab.LabConsole.Telemetry;

/// <summary>A 16-byte trace id kept as two integers; parses both the OTel hex and the X-Ray "1-xxxxxxxx-..." forms.</summary>
public readonly record struct TraceId(ulong High, ulong Low)
{
    public bool IsEmpty => High == 0 && Low == 0;

    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out TraceId id)
    {
        if (bytes.Length != 16)
        {
            id = default;
            return false;
        }

        id = new TraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        return !id.IsEmpty;
    }

    /// <summary>Accepts 32 hex digits or 1-{8 hex}-{24 hex}, any case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TraceId id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        Span<char> hex = stackalloc char[32];
        if (text.Length == 35 && text[0] == '1' && text[1] == '-' && text[10] == '-')
        {
            text.AsSpan(2, 8).CopyTo(hex);
            text.AsSpan(11, 24).CopyTo(hex[8..]);
        }
        else if (text.Length == 32)
        {
            text.AsSpan().CopyTo(hex);
        }
        else
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 16 && TryFromBytes(bytes, out id);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), Low);
        return bytes;
    }

    public string ToHex() => Convert.ToHexStringLower(ToBytes());

    public string ToXRay()
    {
        var hex = ToHex();
        return $"1-{hex[..8]}-{hex[8..]}";
    }

    public override string ToString() => ToHex();
}
