using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace TracingLab.Contracts.Telemetry;

/// <summary>
/// A 16-byte trace id in the lab's X-Ray compatible shape: 4 bytes of big-endian epoch seconds followed by 12 random
/// bytes, so the same 32 hex digits are a valid W3C trace id and, written as <c>1-{8 hex}-{24 hex}</c>, a valid X-Ray
/// trace id (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids).
/// </summary>
/// <param name="High">Bytes 0–7, big-endian; the top four are the epoch seconds.</param>
/// <param name="Low">Bytes 8–15, big-endian.</param>
public readonly record struct XRayTraceId(ulong High, ulong Low)
{
    /// <summary>Bytes in a trace id.</summary>
    public const int ByteLength = 16;

    /// <summary>Characters in the W3C form (32 hex digits).</summary>
    public const int HexLength = 32;

    /// <summary>Characters in the X-Ray form <c>1-{8 hex}-{24 hex}</c>.</summary>
    public const int XRayLength = 35;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<char> AnyHex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>True for the all-zero id, which no trace has.</summary>
    public bool IsEmpty => High == 0 && Low == 0;

    /// <summary>The epoch seconds encoded in the first four bytes.</summary>
    public long EpochSeconds => (long)(High >> 32);

    /// <summary>The time encoded in the first four bytes.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeSeconds(EpochSeconds);

    /// <summary>A new id whose epoch prefix is <paramref name="now"/>, the rest random.</summary>
    public static XRayTraceId New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)now.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(bytes[4..]);
        return FromBytes(bytes);
    }

    /// <summary>The id of <paramref name="traceId"/>.</summary>
    public static XRayTraceId From(ActivityTraceId traceId)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        traceId.CopyTo(bytes);
        return FromBytes(bytes);
    }

    /// <summary>The id of 16 bytes (the all-zero id included).</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 16 bytes long.</exception>
    public static XRayTraceId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A trace id has 16 bytes; got {bytes.Length}.", nameof(bytes));
        }

        return new XRayTraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>The id of 16 bytes; false for another length or the all-zero id.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out XRayTraceId id)
    {
        id = bytes.Length == ByteLength ? FromBytes(bytes) : default;
        return !id.IsEmpty;
    }

    /// <summary>The epoch seconds in the first four bytes of a trace id's bytes.</summary>
    public static long EpochSecondsOf(ReadOnlySpan<byte> traceId) => BinaryPrimitives.ReadUInt32BigEndian(traceId);

    /// <summary>
    /// Parses what a user gives: 32 hex digits or <c>1-{8 hex}-{24 hex}</c>, any case; false for anything else and for
    /// the all-zero id. Never throws.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out XRayTraceId id)
    {
        id = default;
        return text is not null && TryParseForm(text, out id) && !id.IsEmpty;
    }

    /// <summary>
    /// Parses what a propagation header carries: 32 lowercase hex digits or <c>1-{8 lowercase hex}-{24 lowercase hex}</c>,
    /// as W3C <c>traceparent</c> and <c>X-Amzn-Trace-Id</c> write them; false for anything else and for the all-zero id.
    /// Never throws.
    /// </summary>
    public static bool TryParseExact(ReadOnlySpan<char> text, out XRayTraceId id)
    {
        id = default;
        Span<char> hex = stackalloc char[HexLength];
        return TryHexDigits(text, hex) && !hex.ContainsAnyExcept(LowerHex) && TryFromHex(hex, out id) && !id.IsEmpty;
    }

    /// <summary>True for the X-Ray form <c>1-{8 hex}-{24 hex}</c>, any case, the all-zero id included (a shape check).</summary>
    public static bool IsXRayForm(ReadOnlySpan<char> text) =>
        text.Length == XRayLength && text[0] == '1' && text[1] == '-' && text[10] == '-'
        && IsHex(text.Slice(2, 8)) && IsHex(text[11..]);

    /// <summary>Either form, any case, in lowercase X-Ray form; null when <paramref name="text"/> is neither (a shape check: the all-zero id passes).</summary>
    public static string? Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseForm(text, out var id) ? id.ToXRay() : null;
    }

    /// <summary>Either form, any case, as 32 lowercase hex digits (the W3C form); null when <paramref name="text"/> is neither (a shape check).</summary>
    public static string? NormalizeToHex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseForm(text, out var id) ? id.ToHex() : null;
    }

    /// <summary>Writes 16 trace-id bytes in X-Ray form as UTF-8 into <paramref name="utf8"/> (35 bytes), without allocating.</summary>
    public static void WriteXRayUtf8(ReadOnlySpan<byte> traceId, Span<byte> utf8)
    {
        utf8[0] = (byte)'1';
        utf8[1] = (byte)'-';
        Convert.TryToHexStringLower(traceId[..4], utf8[2..10], out _);
        utf8[10] = (byte)'-';
        Convert.TryToHexStringLower(traceId[4..ByteLength], utf8[11..XRayLength], out _);
    }

    /// <summary>Writes the 16 bytes, big-endian, into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>The 16 bytes, big-endian.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[ByteLength];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The id as an <see cref="ActivityTraceId"/>.</summary>
    public ActivityTraceId ToActivityTraceId()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        CopyTo(bytes);
        return ActivityTraceId.CreateFromBytes(bytes);
    }

    /// <summary>The W3C form: 32 lowercase hex digits.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The X-Ray form, as X-Ray shows it: <c>1-5759e988-bd862e3fe1be46a994272793</c>.</summary>
    public string ToXRay()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        CopyTo(bytes);
        Span<byte> utf8 = stackalloc byte[XRayLength];
        WriteXRayUtf8(bytes, utf8);
        return System.Text.Encoding.ASCII.GetString(utf8);
    }

    /// <summary>The W3C form.</summary>
    public override string ToString() => ToHex();

    /// <summary>Either form, any case, the all-zero id included (a shape check); never throws.</summary>
    public static bool TryParseForm(ReadOnlySpan<char> text, out XRayTraceId id)
    {
        id = default;
        Span<char> hex = stackalloc char[HexLength];
        return TryHexDigits(text, hex) && TryFromHex(hex, out id);
    }

    // The 32 digits of either form, not yet checked to be hex.
    private static bool TryHexDigits(ReadOnlySpan<char> text, Span<char> hex)
    {
        if (text.Length == XRayLength && text[0] == '1' && text[1] == '-' && text[10] == '-')
        {
            text.Slice(2, 8).CopyTo(hex);
            text[11..].CopyTo(hex[8..]);
            return true;
        }

        if (text.Length == HexLength)
        {
            text.CopyTo(hex);
            return true;
        }

        return false;
    }

    private static bool TryFromHex(ReadOnlySpan<char> hex, out XRayTraceId id)
    {
        id = default;
        Span<byte> bytes = stackalloc byte[ByteLength];
        if (!IsHex(hex) || Convert.FromHexString(hex, bytes, out _, out var written) != OperationStatus.Done || written != ByteLength)
        {
            return false;
        }

        id = FromBytes(bytes);
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(AnyHex);
}
