using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>
/// X-Ray compatible trace ids: 4 bytes of big-endian epoch seconds followed by 12 random bytes, so the same
/// 32 hex digits are a valid W3C trace id and, written as <c>1-{8 hex}-{24 hex}</c>, a valid X-Ray trace id.
/// </summary>
public static class XRayTraceId
{
    private const int XRayFormLength = 35;
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    // A Root-only X-Amzn-Trace-Id (as an ALB sends) names the trace but no parent span. The runtime propagator parks
    // the root here just before ASP.NET Core creates its root activity, and the generator hands it out exactly once.
    private static readonly AsyncLocal<ActivityTraceId?> PendingRoot = new();

    /// <summary>Generates a new X-Ray compatible id for the current time, or the pending Root of this request.</summary>
    public static ActivityTraceId NewId() => TakePendingRoot() ?? NewId(DateTimeOffset.UtcNow);

    /// <summary>Generates a new X-Ray compatible id whose epoch prefix is <paramref name="now"/>.</summary>
    public static ActivityTraceId NewId(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)now.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(bytes[4..]);
        return ActivityTraceId.CreateFromBytes(bytes);
    }

    /// <summary>The epoch seconds encoded in the first four bytes of the id.</summary>
    public static DateTimeOffset GetTimestamp(ActivityTraceId traceId)
    {
        Span<byte> bytes = stackalloc byte[16];
        traceId.CopyTo(bytes);
        return DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    /// <summary>Formats a trace id as X-Ray shows it: <c>1-5759e988-bd862e3fe1be46a994272793</c>.</summary>
    public static string ToXRay(ActivityTraceId traceId)
    {
        var hex = traceId.ToHexString();
        return string.Create(XRayFormLength, hex, static (span, h) =>
        {
            span[0] = '1';
            span[1] = '-';
            h.AsSpan(0, 8).CopyTo(span[2..]);
            span[10] = '-';
            h.AsSpan(8).CopyTo(span[11..]);
        });
    }

    /// <summary>Parses <c>1-{8 hex}-{24 hex}</c> or 32 hex digits; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ActivityTraceId traceId)
    {
        traceId = default;
        Span<char> hex = stackalloc char[32];
        if (text.Length == XRayFormLength && text[0] == '1' && text[1] == '-' && text[10] == '-')
        {
            text.Slice(2, 8).CopyTo(hex);
            text[11..].CopyTo(hex[8..]);
        }
        else if (text.Length == 32)
        {
            text.CopyTo(hex);
        }
        else
        {
            return false;
        }

        if (!IsLowerHex(hex) || hex.IndexOfAnyExcept('0') < 0)
        {
            return false;
        }

        traceId = ActivityTraceId.CreateFromString(hex);
        return true;
    }

    internal static void SetPendingRoot(ActivityTraceId root) => PendingRoot.Value = root;

    internal static bool TryParseSpanId(ReadOnlySpan<char> text, [NotNullWhen(true)] out ActivitySpanId? spanId)
    {
        spanId = null;
        if (text.Length != 16 || !IsLowerHex(text) || text.IndexOfAnyExcept('0') < 0)
        {
            return false;
        }

        spanId = ActivitySpanId.CreateFromString(text);
        return true;
    }

    private static ActivityTraceId? TakePendingRoot()
    {
        var root = PendingRoot.Value;
        if (root is not null)
        {
            PendingRoot.Value = null;
        }

        return root;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(LowerHex);
}
