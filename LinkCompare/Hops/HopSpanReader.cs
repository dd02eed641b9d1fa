using System.Text.Json;
using System.Text.Json.Nodes;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.LinkCompare.Hops;

/// <summary>
/// Reads the lab's hop spans out of OTLP traces: client spans carrying <c>lab.hop</c> and <c>lab.link</c>. The lab
/// console's live window and the comparison's trace reads both go through here.
/// </summary>
public static class HopSpanReader
{
    private const int MaxDepth = 64;

    /// <summary>Every hop client span of <paramref name="resourceSpans"/>, in order; other spans are skipped.</summary>
    public static IEnumerable<HopClientSpan> ClientSpans(IEnumerable<ResourceSpans> resourceSpans)
    {
        ArgumentNullException.ThrowIfNull(resourceSpans);
        foreach (var span in resourceSpans.SelectMany(rs => rs.ScopeSpans).SelectMany(ss => ss.Spans))
        {
            if (span.Kind == Span.Types.SpanKind.Client && Attribute(span, LabAttributes.Hop) is { } hop && Attribute(span, LabAttributes.Link) is { } link)
            {
                yield return new HopClientSpan(
                    Convert.ToHexStringLower(span.TraceId.Span), Convert.ToHexStringLower(span.SpanId.Span), hop, link,
                    span.StartTimeUnixNano, span.EndTimeUnixNano, span.Status?.Code == Status.Types.StatusCode.Error);
            }
        }
    }

    /// <summary>
    /// The hops of one trace. Retried attempts of one hop are separate client spans; the hop is taken from the first
    /// start to the last end, as the caller waited for it. Spans that end before they start are skipped.
    /// </summary>
    public static IReadOnlyList<HopSpan> Read(string traceId, IEnumerable<ResourceSpans> resourceSpans)
    {
        var hops = new Dictionary<(string Hop, string Link), (ulong Start, ulong End)>();
        foreach (var span in ClientSpans(resourceSpans).Where(s => s.EndUnixNano >= s.StartUnixNano))
        {
            var key = (span.Hop, span.Link);
            hops[key] = hops.TryGetValue(key, out var seen)
                ? (Math.Min(seen.Start, span.StartUnixNano), Math.Max(seen.End, span.EndUnixNano))
                : (span.StartUnixNano, span.EndUnixNano);
        }

        return [.. hops.Select(h => new HopSpan(traceId, h.Key.Hop, h.Key.Link, (h.Value.End - h.Value.Start) / 1e6))];
    }

    /// <summary>
    /// The hops of one trace in OTLP/JSON (the Aspire dashboard's <c>/api/telemetry/traces/{id}</c>, wrapped in
    /// <c>{"data": …}</c> or bare); JSON that is not a trace yields no hops instead of throwing.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="utf8Json"/> is not JSON.</exception>
    public static IReadOnlyList<HopSpan> Read(string traceId, ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        var root = JsonNode.Parse(ref reader);
        if ((root is JsonObject o && o["data"] is JsonObject inner ? inner : root as JsonObject) is not { } data)
        {
            return [];
        }

        try
        {
            return Read(traceId, OtlpJson.Parse<ExportTraceServiceRequest>(data).ResourceSpans);
        }
        catch (OtlpFormatException)
        {
            return [];
        }
    }

    // The attribute as text: the dashboard's API sends every attribute as a string, an SDK may send lab.hop typed.
    private static string? Attribute(Span span, string key)
    {
        foreach (var a in span.Attributes)
        {
            if (a.Key == key)
            {
                return AnyValueText.Of(a.Value);
            }
        }

        return null;
    }
}
