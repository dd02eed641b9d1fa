using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TracingLab.LabConsole.XRay;

/// <summary>JSON shapes of the X-Ray endpoints.</summary>
public static class XRayJson
{
    /// <summary>Documents are data for an API client, not HTML: keep non-ASCII names readable.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// {"traceId", "xrayTraceId", "documents": [segment document objects], "spans": [{spanId, accepted, rejection,
    /// adjustments}]}: the documents as X-Ray would receive them, and what happened to each span on the way.
    /// </summary>
    public static JsonObject Documents(LocalXRayTrace local)
    {
        ArgumentNullException.ThrowIfNull(local);
        var documents = new JsonArray();
        var spans = new JsonArray();
        foreach (var t in local.Translations)
        {
            if (t.IsAccepted)
            {
                documents.Add(JsonNode.Parse(t.DocumentUtf8.Span));
            }

            spans.Add(new JsonObject
            {
                ["spanId"] = t.SpanId,
                ["accepted"] = t.IsAccepted,
                ["rejection"] = t.Rejection is { } r ? new JsonObject { ["reason"] = r.Reason.ToString(), ["message"] = r.Message } : null,
                ["adjustments"] = new JsonArray([.. t.Adjustments.Select(a => (JsonNode?)a)]),
            });
        }

        return new JsonObject
        {
            ["traceId"] = local.Id.ToHex(),
            ["xrayTraceId"] = local.Id.ToXRay(),
            ["segmentCount"] = documents.Count,
            ["rejectedCount"] = local.Translations.Count(t => !t.IsAccepted),
            ["documents"] = documents,
            ["spans"] = spans,
        };
    }
}
