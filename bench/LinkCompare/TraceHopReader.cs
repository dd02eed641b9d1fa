using System.Globalization;
using System.Text.Json;
using TracingLab.LinkCompare.Hops;

namespace TracingLab.LinkCompare.Runner;

/// <summary>
/// Reads the lab's hop spans out of an OTLP/JSON trace (the Aspire dashboard's <c>/api/telemetry/traces/{id}</c>, wrapped in
/// <c>{"data": …}</c> or bare): client spans carrying <c>lab.hop</c> and <c>lab.link</c>. Retried attempts of one hop
/// are separate client spans; the hop is taken from the first start to the last end, as the caller waited for it.
/// </summary>
internal static class TraceHopReader
{
    private const int ClientKind = 3;

    public static IReadOnlyList<HopSpan> Read(string traceId, JsonElement root)
    {
        var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) ? d : root;
        var hops = new Dictionary<(string Hop, string Link), (ulong Start, ulong End)>();
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("resourceSpans", out var resourceSpans) || resourceSpans.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        foreach (var rs in resourceSpans.EnumerateArray())
        {
            foreach (var ss in Array(rs, "scopeSpans"))
            {
                foreach (var span in Array(ss, "spans"))
                {
                    if (!IsClient(span) || Attribute(span, "lab.hop") is not { } hop || Attribute(span, "lab.link") is not { } link
                        || Nanos(span, "startTimeUnixNano") is not { } start || Nanos(span, "endTimeUnixNano") is not { } end || end < start)
                    {
                        continue;
                    }

                    hops[(hop, link)] = hops.TryGetValue((hop, link), out var seen) ? (Math.Min(seen.Start, start), Math.Max(seen.End, end)) : (start, end);
                }
            }
        }

        return [.. hops.Select(h => new HopSpan(traceId, h.Key.Hop, h.Key.Link, (h.Value.End - h.Value.Start) / 1e6))];
    }

    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]").RootElement.Clone();

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name) =>
        (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a : EmptyArray).EnumerateArray();

    private static bool IsClient(JsonElement span) =>
        span.TryGetProperty("kind", out var kind) && (kind.ValueKind == JsonValueKind.Number ? kind.GetInt32() == ClientKind : kind.GetString() == "SPAN_KIND_CLIENT");

    private static string? Attribute(JsonElement span, string key)
    {
        foreach (var a in Array(span, "attributes"))
        {
            if (a.TryGetProperty("key", out var k) && k.GetString() == key && a.TryGetProperty("value", out var v) && v.TryGetProperty("stringValue", out var s))
            {
                return s.GetString();
            }
        }

        return null;
    }

    private static ulong? Nanos(JsonElement span, string name)
    {
        if (!span.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetUInt64(out var n) => n,
            JsonValueKind.String when ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }
}
