using System.Text.Json.Nodes;
using TracingLab.Otlp;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.LabConsole.Tests.Support;

/// <summary>
/// OTLP JSON the way the Aspire 13.6 dashboard's telemetry API writes it (TelemetryExportService.ConvertSpan): hex ids,
/// kind and status code as integers, times as strings, EVERY attribute value a stringValue, and an
/// aspire.destination attribute on client spans.
/// </summary>
internal static class AspireShape
{
    public static JsonObject ResourceSpans(ExportTraceServiceRequest request)
    {
        var node = JsonNode.Parse(OtlpJson.Format(request))!.AsObject();
        Stringify(node);
        foreach (var span in node["resourceSpans"]!.AsArray().SelectMany(r => r!["scopeSpans"]!.AsArray()).SelectMany(s => s!["spans"]!.AsArray()))
        {
            if ((int?)span!["kind"] == 3)
            {
                (span["attributes"] ??= new JsonArray()).AsArray().Add(new JsonObject
                {
                    ["key"] = "aspire.destination",
                    ["value"] = new JsonObject { ["stringValue"] = "serviceb" },
                });
            }
        }

        return node;
    }

    /// <summary>The telemetry API's answer: {"data": {...}, "totalCount", "returnedCount"}.</summary>
    public static string Answer(JsonObject resourceSpans, int count) => new JsonObject
    {
        ["data"] = resourceSpans,
        ["totalCount"] = count,
        ["returnedCount"] = count,
    }.ToJsonString();

    private static void Stringify(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (key == "attributes" && child is JsonArray attributes)
                    {
                        foreach (var kv in attributes)
                        {
                            var value = kv!["value"]!.AsObject().Single().Value!;
                            kv["value"] = new JsonObject { ["stringValue"] = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString() };
                        }
                    }
                    else if (child is not null)
                    {
                        Stringify(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Stringify(child);
                    }
                }

                break;
        }
    }
}
