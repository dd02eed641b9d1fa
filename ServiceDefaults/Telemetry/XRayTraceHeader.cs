using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>
/// A parsed <c>X-Amzn-Trace-Id</c> header: <c>Root=1-…;Parent=…;Sampled=0|1|?</c> plus the fields AWS services add
/// (<c>Self</c>, <c>Lineage</c>, …), which are kept verbatim in <see cref="Extra"/> so they travel downstream.
/// </summary>
public sealed record XRayTraceHeader(ActivityTraceId Root, ActivitySpanId? Parent, XRaySampled Sampled, string Extra)
{
    /// <summary>The HTTP header name.</summary>
    public const string HeaderName = "X-Amzn-Trace-Id";

    // Headers longer than this are not X-Ray headers; X-Ray itself caps the header well below it.
    private const int MaxLength = 2048;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Parses a header value; returns false (never throws) when Root is missing or any known field is malformed.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out XRayTraceHeader? header)
    {
        header = null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            return false;
        }

        ActivityTraceId? root = null;
        ActivitySpanId? parent = null;
        var sampled = XRaySampled.Absent;
        var extra = new StringBuilder();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return false;
            }

            var key = part[..eq].Trim();
            var field = part[(eq + 1)..].Trim();
            if (key.Equals("Root", StringComparison.OrdinalIgnoreCase))
            {
                if (root is not null || !XRayTraceId.TryParseExact(field, out var id) || !field.StartsWith("1-", StringComparison.Ordinal))
                {
                    return false;
                }

                root = id.ToActivityTraceId();
            }
            else if (key.Equals("Parent", StringComparison.OrdinalIgnoreCase))
            {
                if (parent is not null || !TryParseSpanId(field, out var spanId))
                {
                    return false;
                }

                parent = spanId;
            }
            else if (key.Equals("Sampled", StringComparison.OrdinalIgnoreCase))
            {
                sampled = field switch
                {
                    "1" => XRaySampled.Sampled,
                    "0" => XRaySampled.NotSampled,
                    "?" => XRaySampled.Requested,
                    _ => (XRaySampled)(-1),
                };
                if (!Enum.IsDefined(sampled))
                {
                    return false;
                }
            }
            else
            {
                extra.Append(extra.Length == 0 ? "" : ";").Append(key).Append('=').Append(field);
            }
        }

        if (root is null)
        {
            return false;
        }

        header = new XRayTraceHeader(root.Value, parent, sampled, extra.ToString());
        return true;
    }

    /// <summary>The header for a span of this process: Root and Parent from it, Sampled from its flags, extra fields kept.</summary>
    public static string Format(ActivityTraceId traceId, ActivitySpanId spanId, bool sampled, string? extra)
    {
        var value = $"Root={XRayTraceId.From(traceId).ToXRay()};Parent={spanId.ToHexString()};Sampled={(sampled ? '1' : '0')}";
        return string.IsNullOrEmpty(extra) ? value : value + ";" + extra;
    }

    // Parent: 16 lowercase hex digits, not all zero (as W3C span ids).
    private static bool TryParseSpanId(ReadOnlySpan<char> text, [NotNullWhen(true)] out ActivitySpanId? spanId)
    {
        spanId = null;
        if (text.Length != 16 || text.ContainsAnyExcept(LowerHex) || text.IndexOfAnyExcept('0') < 0)
        {
            return false;
        }

        spanId = ActivitySpanId.CreateFromString(text);
        return true;
    }
}
