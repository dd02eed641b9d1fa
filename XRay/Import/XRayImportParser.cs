using System.Text.Json;
using static TracingLab.XRay.Import.JsonWalk;

namespace TracingLab.XRay.Import;

/// <summary>
/// Reads what <c>aws xray batch-get-traces</c>, <c>aws xray get-trace-summaries</c>, <c>aws xray list-retrieved-traces</c>
/// (<c>--trace-format XRAY</c> or <c>OTEL</c>), <c>aws logs filter-log-events</c> on <c>aws/spans</c> and
/// <c>aws logs get-query-results</c> (a Logs Insights query on <c>aws/spans</c> returning <c>@message</c>) print. All or nothing:
/// the first bad field refuses the whole input with its JSON path; no exception escapes.
/// </summary>
public static class XRayImportParser
{
    /// <summary>Parses CLI output given as text.</summary>
    public static XRayImportResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Run(() => JsonDocument.Parse(json, SegmentDocumentParser.Options));
    }

    /// <summary>Parses CLI output given as UTF-8 bytes (an upload or a request body).</summary>
    public static XRayImportResult Parse(ReadOnlyMemory<byte> utf8Json) =>
        Run(() => JsonDocument.Parse(utf8Json, SegmentDocumentParser.Options));

    private static XRayImportResult Run(Func<JsonDocument> open)
    {
        JsonDocument doc;
        try
        {
            doc = open();
        }
        catch (JsonException ex)
        {
            return new XRayImportResult(null, new XRayImportError(ex.Path ?? "$", "valid JSON",
                $"a syntax error at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"));
        }
        using (doc)
        {
            try
            {
                return new XRayImportResult(Read(doc.RootElement), null);
            }
            catch (ImportFailure f)
            {
                return new XRayImportResult(null, f.Error);
            }
        }
    }

    private static XRayImport Read(JsonElement root)
    {
        const string expectedRoot = "an object with Traces (aws xray batch-get-traces, or list-retrieved-traces --trace-format XRAY|OTEL), "
            + "TraceSummaries (aws xray get-trace-summaries), events (aws logs filter-log-events on aws/spans) "
            + "or results (aws logs get-query-results of a query on aws/spans)";
        RequireObject(root, "$", expectedRoot);
        var hasTraces = root.TryGetProperty("Traces", out var tracesElement);
        var hasSummaries = root.TryGetProperty("TraceSummaries", out _);
        if (!hasTraces && !hasSummaries)
        {
            if (root.TryGetProperty("events", out _))
            {
                return SpanImports.FilterLogEvents(root);
            }
            if (root.TryGetProperty("results", out _))
            {
                return SpanImports.QueryResults(root);
            }
            throw Fail("$", expectedRoot, root);
        }
        // list-retrieved-traces answers with Spans per trace (and RetrievalStatus); batch-get-traces with Segments.
        if (hasTraces && (root.TryGetProperty("RetrievalStatus", out _) || root.TryGetProperty("TraceFormat", out _)
            || (tracesElement.ValueKind == JsonValueKind.Array && tracesElement.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("Spans", out _)))))
        {
            return SpanImports.ListRetrievedTraces(root);
        }
        var traces = hasTraces ? Traces(root) : [];
        var summaries = hasSummaries ? Summaries(root) : [];
        var unprocessed = new List<string>();
        if (OptionalArray(root, "UnprocessedTraceIds", "$") is { } ids)
        {
            var i = 0;
            foreach (var id in ids.EnumerateArray())
            {
                unprocessed.Add(id.ValueKind == JsonValueKind.String ? id.GetString()! : throw Fail(Index("$.UnprocessedTraceIds", i), "a trace id string", id));
                i++;
            }
        }
        return new XRayImport(traces, summaries, unprocessed);
    }

    private static List<XRayTrace> Traces(JsonElement root)
    {
        var result = new List<XRayTrace>();
        var t = 0;
        foreach (var trace in RequiredArray(root, "Traces", "$").EnumerateArray())
        {
            var path = Index("$.Traces", t++);
            RequireObject(trace, path, "a trace object");
            var id = RequiredString(trace, "Id", path, IsXRayTraceId, "an X-Ray trace id 1-{8 hex}-{24 hex}");
            var segments = new List<XRaySegment>();
            var s = 0;
            foreach (var segment in RequiredArray(trace, "Segments", path).EnumerateArray())
            {
                var segmentPath = Index(Child(path, "Segments"), s++);
                RequireObject(segment, segmentPath, "a segment object with Id and Document");
                RequiredString(segment, "Id", segmentPath);
                var document = RequiredString(segment, "Document", segmentPath, expected: "the segment document as a JSON string");
                segments.Add(SegmentDocumentParser.Parse(document, Child(segmentPath, "Document"), id));
            }
            result.Add(new XRayTrace(id, OptionalNumber(trace, "Duration", path), OptionalBool(trace, "LimitExceeded", path), segments));
        }
        return result;
    }

    private static List<XRayTraceSummary> Summaries(JsonElement root)
    {
        var result = new List<XRayTraceSummary>();
        var t = 0;
        foreach (var summary in RequiredArray(root, "TraceSummaries", "$").EnumerateArray())
        {
            var path = Index("$.TraceSummaries", t++);
            RequireObject(summary, path, "a trace summary object");
            string? url = null, method = null;
            int? status = null;
            if (OptionalObject(summary, "Http", path) is { } http)
            {
                var httpPath = Child(path, "Http");
                url = OptionalString(http, "HttpURL", httpPath);
                method = OptionalString(http, "HttpMethod", httpPath);
                status = OptionalNumber(http, "HttpStatus", httpPath) is { } s ? (int)s : null;
            }
            result.Add(new XRayTraceSummary
            {
                Id = RequiredString(summary, "Id", path, IsXRayTraceId, "an X-Ray trace id 1-{8 hex}-{24 hex}"),
                Duration = OptionalNumber(summary, "Duration", path),
                ResponseTime = OptionalNumber(summary, "ResponseTime", path),
                HasFault = OptionalBool(summary, "HasFault", path),
                HasError = OptionalBool(summary, "HasError", path),
                HasThrottle = OptionalBool(summary, "HasThrottle", path),
                IsPartial = OptionalBool(summary, "IsPartial", path),
                HttpUrl = url,
                HttpMethod = method,
                HttpStatus = status,
                Annotations = SummaryAnnotations(summary, path),
                ServiceIds = ServiceIds(summary, path),
            });
        }
        return result;
    }

    private static Dictionary<string, IReadOnlyList<JsonElement>> SummaryAnnotations(JsonElement summary, string path)
    {
        var result = new Dictionary<string, IReadOnlyList<JsonElement>>(StringComparer.Ordinal);
        if (OptionalObject(summary, "Annotations", path) is not { } annotations)
        {
            return result;
        }
        var annotationsPath = Child(path, "Annotations");
        foreach (var a in annotations.EnumerateObject())
        {
            var keyPath = Child(annotationsPath, a.Name);
            if (a.Value.ValueKind != JsonValueKind.Array)
            {
                throw Fail(keyPath, "an array of {AnnotationValue, ServiceIds}", a.Value);
            }
            var values = new List<JsonElement>();
            var i = 0;
            foreach (var entry in a.Value.EnumerateArray())
            {
                var entryPath = Index(keyPath, i++);
                RequireObject(entry, entryPath, "an object with AnnotationValue");
                if (OptionalObject(entry, "AnnotationValue", entryPath) is not { } value)
                {
                    throw Fail(Child(entryPath, "AnnotationValue"), "an object with StringValue, NumberValue or BooleanValue", null);
                }
                var found = value.EnumerateObject().FirstOrDefault(p => p.Name is "StringValue" or "NumberValue" or "BooleanValue");
                if (found.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                {
                    throw Fail(Child(entryPath, "AnnotationValue"), "an object with StringValue, NumberValue or BooleanValue", value);
                }
                values.Add(found.Value.Clone());
            }
            result[a.Name] = values;
        }
        return result;
    }

    private static List<XRayServiceId> ServiceIds(JsonElement summary, string path)
    {
        var result = new List<XRayServiceId>();
        if (OptionalArray(summary, "ServiceIds", path) is not { } ids)
        {
            return result;
        }
        var i = 0;
        foreach (var id in ids.EnumerateArray())
        {
            var p = Index(Child(path, "ServiceIds"), i++);
            RequireObject(id, p, "a service id object");
            var names = new List<string>();
            if (OptionalArray(id, "Names", p) is { } n)
            {
                names.AddRange(n.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
            }
            result.Add(new XRayServiceId(OptionalString(id, "Name", p), names, OptionalString(id, "AccountId", p), OptionalString(id, "Type", p)));
        }
        return result;
    }
}
