namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>
/// Carries the X-Ray header's extra fields (<c>Self</c>, <c>Lineage</c>, …) inside W3C <c>tracestate</c>, under the
/// vendor key <c>xray</c>. tracestate is the W3C place for vendor context: it rides on the span context into child
/// spans, so every outgoing call can put the fields back on its <c>X-Amzn-Trace-Id</c>.
/// </summary>
public static class XRayTraceState
{
    private const string Key = "xray";

    /// <summary>Returns <paramref name="traceState"/> with the xray entry set to <paramref name="extra"/> (or removed if empty).</summary>
    public static string? With(string? traceState, string extra)
    {
        var others = Entries(traceState).Where(e => !IsXRay(e));
        var entries = string.IsNullOrEmpty(extra) ? others : others.Prepend(Key + "=" + Encode(extra));
        var joined = string.Join(',', entries);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The extra X-Ray fields held in <paramref name="traceState"/>, or an empty string.</summary>
    public static string Extra(string? traceState)
    {
        var entry = Entries(traceState).FirstOrDefault(IsXRay);
        return entry is null ? "" : Decode(entry[(Key.Length + 1)..]);
    }

    private static string[] Entries(string? traceState) =>
        (traceState ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsXRay(string entry) => entry.StartsWith(Key + "=", StringComparison.Ordinal);

    // tracestate values may not hold ',' or '='; percent-encode those (and '%' itself).
    private static string Encode(string extra) =>
        extra.Replace("%", "%25", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Decode(string value) =>
        value.Replace("%3D", "=", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
}
