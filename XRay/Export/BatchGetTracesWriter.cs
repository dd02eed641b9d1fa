using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TracingLab.XRay.Export;

/// <summary>
/// Writes segment documents as <c>aws xray batch-get-traces</c> prints them: an X-Ray export made from the lab's
/// own translation, for tests and for the lab's compare feature.
/// </summary>
public static class BatchGetTracesWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Groups documents by <c>trace_id</c> into <c>Traces[]</c>. With <paramref name="nestSubsegments"/> each
    /// independent subsegment is moved into its parent's <c>subsegments</c> (dropping its trace_id, parent_id and
    /// type), as X-Ray returns them once it has assembled the trace; otherwise every document stays a Segment.
    /// Documents that are not JSON objects with an id and a trace_id are skipped and counted in
    /// <see cref="BatchGetTracesExport.Skipped"/>.
    /// </summary>
    public static BatchGetTracesExport Write(IEnumerable<string> documents, bool nestSubsegments = true)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var skipped = 0;
        var byTrace = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var document in documents)
        {
            if (TryNode(document) is not { } node || Str(node, "trace_id") is not { } traceId || Str(node, "id") is null)
            {
                skipped++;
                continue;
            }
            if (!byTrace.TryGetValue(traceId, out var list))
            {
                byTrace[traceId] = list = [];
                order.Add(traceId);
            }
            list.Add(node);
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("Traces");
            foreach (var traceId in order)
            {
                WriteTrace(w, traceId, byTrace[traceId], nestSubsegments);
            }
            w.WriteEndArray();
            w.WriteStartArray("UnprocessedTraceIds");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return new BatchGetTracesExport(System.Text.Encoding.UTF8.GetString(stream.ToArray()), order.Count, skipped);
    }

    private static void WriteTrace(Utf8JsonWriter w, string traceId, List<JsonObject> nodes, bool nest)
    {
        var start = nodes.Min(n => Num(n, "start_time") ?? double.MaxValue);
        var end = nodes.Max(n => Num(n, "end_time") ?? double.MinValue);
        var top = nest ? Nest(nodes) : nodes;
        w.WriteStartObject();
        w.WriteString("Id", traceId);
        w.WriteNumber("Duration", Math.Round(Math.Max(0, end - start), 3));
        w.WriteBoolean("LimitExceeded", false);
        w.WriteStartArray("Segments");
        foreach (var node in top)
        {
            w.WriteStartObject();
            w.WriteString("Id", Str(node, "id"));
            w.WriteString("Document", node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static List<JsonObject> Nest(List<JsonObject> nodes)
    {
        var byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            byId.TryAdd(Str(n, "id")!, n);
        }
        var top = new List<JsonObject>();
        // Children are attached in start order so embedded subsegments read chronologically.
        foreach (var n in nodes.OrderBy(n => Num(n, "start_time") ?? 0))
        {
            var isSub = Str(n, "type") == "subsegment";
            if (isSub && Str(n, "parent_id") is { } parentId && byId.TryGetValue(parentId, out var parent) && !ReferenceEquals(parent, n))
            {
                n.Remove("trace_id");
                n.Remove("parent_id");
                n.Remove("type");
                if (parent["subsegments"] is not JsonArray children)
                {
                    parent["subsegments"] = children = [];
                }
                children.Add(n);
            }
            else
            {
                top.Add(n);
            }
        }
        return top;
    }

    private static JsonObject? TryNode(string document)
    {
        try
        {
            return JsonNode.Parse(document) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Num(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}

/// <summary>The written export.</summary>
/// <param name="Json">batch-get-traces JSON.</param>
/// <param name="TraceCount">Traces written.</param>
/// <param name="Skipped">Documents that were not segment documents.</param>
public sealed record BatchGetTracesExport(string Json, int TraceCount, int Skipped);
