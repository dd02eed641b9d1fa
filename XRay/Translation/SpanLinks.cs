using System.Text.Json;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>
/// span_links.go: every OTLP link becomes <c>{"trace_id": X-Ray form, "id": span id, "attributes": {…}}</c> in the
/// segment's <c>links</c>; attribute values as plain JSON (an empty value is <c>null</c>), keys sorted as Go's encoder
/// sorts a map. A link whose trace id X-Ray would refuse (malformed, too old, in the future) rejects the span, as the
/// exporter's error does.
/// </summary>
internal static class SpanLinks
{
    /// <summary>segment.go: a local root's dependency subsegment keeps the links unless the span is a CONSUMER; its
    /// service segment keeps them only for a CONSUMER; every other document keeps them.</summary>
    public static bool Keep(LocalRoot role, Span.Types.SpanKind kind) => role switch
    {
        LocalRoot.Dependency => kind != Span.Types.SpanKind.Consumer,
        LocalRoot.Service => kind == Span.Types.SpanKind.Consumer,
        _ => true,
    };

    public static void Write(Utf8JsonWriter w, IReadOnlyList<Span.Types.Link> links)
    {
        Span<byte> traceId = stackalloc byte[XRayTraceId.XRayLength];
        Span<byte> spanId = stackalloc byte[16];
        w.WriteStartArray(JsonNames.Links);
        foreach (var link in links)
        {
            w.WriteStartObject();
            XRayTraceId.WriteXRayUtf8(link.TraceId.Span, traceId);
            w.WriteString(JsonNames.TraceId, traceId);
            // pdata's SpanID.String() gives "" for an empty id.
            if (link.SpanId.Length == 8)
            {
                Convert.TryToHexStringLower(link.SpanId.Span, spanId, out _);
                w.WriteString(JsonNames.Id, spanId);
            }
            else
            {
                w.WriteString(JsonNames.Id, ""u8);
            }
            if (link.Attributes.Count > 0)
            {
                w.WriteStartObject(JsonNames.Attributes);
                var order = Enumerable.Range(0, link.Attributes.Count)
                    .OrderBy(i => link.Attributes[i].Key, StringComparer.Ordinal).ThenByDescending(i => i).ToList();
                string? previous = null;
                foreach (var i in order)
                {
                    var kv = link.Attributes[i];
                    if (kv.Key == previous)
                    {
                        continue; // a repeated key keeps its last value, as the exporter's map does
                    }
                    previous = kv.Key;
                    w.WritePropertyName(kv.Key);
                    AnyValueJson.Write(w, kv.Value);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
