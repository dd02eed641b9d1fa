using System.Buffers.Binary;
using System.Globalization;

namespace TracingLab.XRay.Translation;

/// <summary>Conversions between OTel trace ids (32 hex digits) and X-Ray trace ids (<c>1-{8 hex epoch}-{24 hex}</c>).</summary>
public static class TraceIds
{
    /// <summary>Length of an X-Ray trace id.</summary>
    public const int XRayLength = 35;

    /// <summary>Formats 16 trace-id bytes as an X-Ray trace id. The bytes must be 16 long.</summary>
    public static string ToXRay(ReadOnlySpan<byte> traceId)
    {
        if (traceId.Length != 16)
        {
            throw new ArgumentException($"A trace id has 16 bytes; got {traceId.Length}.", nameof(traceId));
        }
        Span<char> chars = stackalloc char[XRayLength];
        chars[0] = '1';
        chars[1] = '-';
        Convert.TryToHexStringLower(traceId[..4], chars[2..10], out _);
        chars[10] = '-';
        Convert.TryToHexStringLower(traceId[4..], chars[11..], out _);
        return new string(chars);
    }

    /// <summary>Writes 16 trace-id bytes as an X-Ray trace id in UTF-8 into <paramref name="utf8"/> (35 bytes).</summary>
    internal static void WriteXRay(ReadOnlySpan<byte> traceId, Span<byte> utf8)
    {
        utf8[0] = (byte)'1';
        utf8[1] = (byte)'-';
        Convert.TryToHexStringLower(traceId[..4], utf8[2..10], out _);
        utf8[10] = (byte)'-';
        Convert.TryToHexStringLower(traceId[4..16], utf8[11..XRayLength], out _);
    }

    /// <summary>Turns <c>1-5f84c7a1-0123456789abcdef01234567</c> into the 32-hex OTel form; null if it is not an X-Ray id.</summary>
    public static string? ToOtel(string xrayTraceId)
    {
        ArgumentNullException.ThrowIfNull(xrayTraceId);
        if (!IsXRayTraceId(xrayTraceId))
        {
            return null;
        }
        return string.Concat(xrayTraceId.AsSpan(2, 8), xrayTraceId.AsSpan(11, 24));
    }

    /// <summary>Turns a 32-hex OTel trace id into X-Ray form; null if it is not 32 hex digits.</summary>
    public static string? FromOtelHex(string otelTraceId)
    {
        ArgumentNullException.ThrowIfNull(otelTraceId);
        if (otelTraceId.Length != 32 || !IsHex(otelTraceId))
        {
            return null;
        }
        var lower = otelTraceId.ToLowerInvariant();
        return string.Concat("1-", lower.AsSpan(0, 8), "-", lower.AsSpan(8));
    }

    /// <summary>Accepts either form (X-Ray or 32 hex) and returns the X-Ray form, or null.</summary>
    public static string? Normalize(string traceId)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        return IsXRayTraceId(traceId) ? traceId.ToLowerInvariant() : FromOtelHex(traceId);
    }

    /// <summary>True for <c>1-{8 hex}-{24 hex}</c>.</summary>
    public static bool IsXRayTraceId(string value) =>
        value is { Length: XRayLength } && value[0] == '1' && value[1] == '-' && value[10] == '-'
        && IsHex(value.AsSpan(2, 8)) && IsHex(value.AsSpan(11, 24));

    /// <summary>The epoch seconds stored in the first 4 bytes of a trace id.</summary>
    public static long Epoch(ReadOnlySpan<byte> traceId) => BinaryPrimitives.ReadUInt32BigEndian(traceId);

    internal static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    internal static string EpochText(long epoch) =>
        epoch.ToString(CultureInfo.InvariantCulture) + " (" +
        DateTimeOffset.FromUnixTimeSeconds(epoch).ToString("u", CultureInfo.InvariantCulture) + ")";
}
