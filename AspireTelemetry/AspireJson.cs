using System.Text.Json;
using System.Text.Json.Nodes;
using TracingLab.Otlp;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.AspireTelemetry;

/// <summary>
/// Reads the spans the Aspire dashboard writes: its telemetry API's <c>{"data": {"resourceSpans": [...]}, "totalCount",
/// "returnedCount"}</c>, one line of <c>/spans?follow=true</c> and each <c>traces/*.json</c> of its export zip
/// (<c>{"resourceSpans": [...]}</c>). Kind and status code are OTLP integers there, ids hex, times strings; the
/// attribute types are restored (<see cref="AspireAttributeTypes"/>).
/// </summary>
public static class AspireJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The resource spans in <paramref name="utf8Json"/>; throws <see cref="OtlpFormatException"/> naming what is wrong.</summary>
    public static IReadOnlyList<ResourceSpans> ReadResourceSpans(ReadOnlySpan<byte> utf8Json)
    {
        JsonNode? root;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
            root = JsonNode.Parse(ref reader);
        }
        catch (JsonException ex)
        {
            throw new OtlpFormatException($"not JSON: {ex.Message}", ex);
        }

        var data = root is JsonObject o && o["data"] is JsonObject inner ? inner : root as JsonObject
            ?? throw new OtlpFormatException($"expected a JSON object with resourceSpans, got {root?.GetValueKind().ToString() ?? "null"}");
        var request = OtlpJson.Parse<ExportTraceServiceRequest>(data);
        AspireAttributeTypes.Restore(request.ResourceSpans);
        return request.ResourceSpans;
    }
}
