using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.AspireTelemetry;

/// <summary>One span as the pages read it: ids in hex, the service it came from, attributes as display text.</summary>
/// <param name="Kind">OTLP SpanKind (1 internal, 2 server, 3 client, 4 producer, 5 consumer).</param>
public sealed record TraceSpan(
    string TraceId, string SpanId, string? ParentSpanId, string Name, string Service, int Kind, bool IsError,
    ulong StartUnixNano, ulong EndUnixNano, IReadOnlyDictionary<string, string> Attributes)
{
    public const int ClientKind = (int)Span.Types.SpanKind.Client;

    /// <summary>The lab.link attribute (tgw, peering, privatelink), if any.</summary>
    public string? Link => Attributes.GetValueOrDefault(LabAttributes.Link);

    public double DurationMs => EndUnixNano > StartUnixNano ? (EndUnixNano - StartUnixNano) / 1_000_000.0 : 0;

    /// <summary>Every span of <paramref name="resourceSpans"/>, flattened.</summary>
    public static IReadOnlyList<TraceSpan> From(IEnumerable<ResourceSpans> resourceSpans)
    {
        ArgumentNullException.ThrowIfNull(resourceSpans);
        var spans = new List<TraceSpan>();
        foreach (var rs in resourceSpans)
        {
            var service = rs.Resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value?.StringValue ?? "unknown";
            foreach (var span in rs.ScopeSpans.SelectMany(s => s.Spans))
            {
                spans.Add(new TraceSpan(
                    Convert.ToHexStringLower(span.TraceId.Span), Convert.ToHexStringLower(span.SpanId.Span),
                    span.ParentSpanId.IsEmpty ? null : Convert.ToHexStringLower(span.ParentSpanId.Span), span.Name, service,
                    (int)span.Kind, span.Status?.Code == Status.Types.StatusCode.Error, span.StartTimeUnixNano, span.EndTimeUnixNano,
                    span.Attributes.GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => AnyValueText.Of(g.First().Value), StringComparer.Ordinal)));
            }
        }

        return spans;
    }
}
