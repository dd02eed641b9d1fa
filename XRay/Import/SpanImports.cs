using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using TracingLab.Otlp;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Translation;
using static TracingLab.XRay.Import.JsonWalk;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.XRay.Import;

/// <summary>
/// Reads the CLI outputs of the OTLP / Transaction Search path. Response shapes from the AWS API references:
/// ListRetrievedTraces (<c>RetrievalStatus</c>, <c>TraceFormat</c>, <c>Traces[].Id/Duration/Spans[].Id/Document</c>),
/// FilterLogEvents (<c>events[].message</c>), GetQueryResults (<c>results[][].field/value</c>, <c>status</c>).
/// </summary>
internal static class SpanImports
{
    // Imported traces may be older than the exporter's 28-day id check; the import only needs their segments.
    private static readonly XRayTranslator ImportTranslator = new(new XRayTranslatorOptions { SkipTimestampValidation = true });

    private const string RetrievedTraceId = "a trace id: 1-{8 hex}-{24 hex} or 32 hex digits";

    public static XRayImport ListRetrievedTraces(JsonElement root)
    {
        var traces = RequiredArray(root, "Traces", "$");
        var status = OptionalString(root, "RetrievalStatus", "$");
        if (status is not null && status != "COMPLETE" && traces.GetArrayLength() == 0)
        {
            throw Fail("$.RetrievalStatus", "COMPLETE (AWS returns no traces until the retrieval has finished: run list-retrieved-traces again)", root.GetProperty("RetrievalStatus"));
        }
        var declared = OptionalString(root, "TraceFormat", "$", s => s is "XRAY" or "OTEL", "XRAY or OTEL");
        var result = new List<XRayTrace>();
        var format = declared switch { "XRAY" => XRayImportFormat.RetrievedXRay, "OTEL" => XRayImportFormat.RetrievedOtel, _ => (XRayImportFormat?)null };
        var t = 0;
        foreach (var trace in traces.EnumerateArray())
        {
            var path = Index("$.Traces", t++);
            RequireObject(trace, path, "a retrieved trace object with Id and Spans");
            var id = XRayTraceId.Normalize(RequiredString(trace, "Id", path, s => XRayTraceId.Normalize(s) is not null, RetrievedTraceId))!;
            var duration = OptionalNumber(trace, "Duration", path);
            var segments = new List<XRaySegment>();
            var spans = new List<ImportedSpan>();
            var s = 0;
            foreach (var span in RequiredArray(trace, "Spans", path).EnumerateArray())
            {
                var spanPath = Index(Child(path, "Spans"), s++);
                RequireObject(span, spanPath, "a span object with Id and Document");
                var document = RequiredString(span, "Document", spanPath, expected: "the span document as a JSON string");
                var documentPath = Child(spanPath, "Document");
                format ??= Detect(document, documentPath);
                if (format == XRayImportFormat.RetrievedXRay)
                {
                    segments.Add(SegmentDocumentParser.Parse(document, documentPath, id));
                }
                else
                {
                    spans.AddRange(OtelDocument(document, documentPath));
                }
            }
            result.Add(format == XRayImportFormat.RetrievedOtel
                ? FromSpans(id, spans, path, duration) with { Format = XRayImportFormat.RetrievedOtel }
                : new XRayTrace(id, duration, false, segments) { Format = XRayImportFormat.RetrievedXRay });
        }
        return new XRayImport(result, [], []) { Format = format ?? XRayImportFormat.RetrievedXRay };
    }

    public static XRayImport FilterLogEvents(JsonElement root)
    {
        var spans = new List<(ImportedSpan Span, string Path)>();
        var i = 0;
        foreach (var e in RequiredArray(root, "events", "$").EnumerateArray())
        {
            var path = Index("$.events", i++);
            RequireObject(e, path, "a log event object with message");
            var message = RequiredString(e, "message", path, expected: "an aws/spans span record (JSON) as a string");
            spans.Add((Record(message, Child(path, "message")), path));
        }
        return new XRayImport(Group(spans, XRayImportFormat.AwsSpansLogEvents), [], []) { Format = XRayImportFormat.AwsSpansLogEvents };
    }

    public static XRayImport QueryResults(JsonElement root)
    {
        if (OptionalString(root, "status", "$") is { } status && status != "Complete")
        {
            throw Fail("$.status", "Complete (the query has not finished: run get-query-results again)", root.GetProperty("status"));
        }
        var spans = new List<(ImportedSpan Span, string Path)>();
        var r = 0;
        foreach (var row in RequiredArray(root, "results", "$").EnumerateArray())
        {
            var path = Index("$.results", r++);
            if (row.ValueKind != JsonValueKind.Array)
            {
                throw Fail(path, "a result row: an array of {field, value}", row);
            }
            string? message = null;
            var f = 0;
            foreach (var field in row.EnumerateArray())
            {
                var fieldPath = Index(path, f++);
                RequireObject(field, fieldPath, "a {field, value} object");
                if (RequiredString(field, "field", fieldPath) == "@message")
                {
                    message = RequiredString(field, "value", fieldPath, expected: "the span record (JSON) as a string");
                    path = Child(fieldPath, "value");
                }
            }
            if (message is null)
            {
                // Insights returns every other field as a string, which would lose the attribute types.
                throw Fail(Index("$.results", r - 1), "a row with an @message field (query aws/spans with `fields @message`)", row);
            }
            spans.Add((Record(message, path), path));
        }
        return new XRayImport(Group(spans, XRayImportFormat.AwsSpansQueryResults), [], []) { Format = XRayImportFormat.AwsSpansQueryResults };
    }

    private static XRayImportFormat Detect(string document, string path)
    {
        using var doc = Open(document, path, "a span document (a JSON object) in the string");
        var e = doc.RootElement;
        if (e.ValueKind == JsonValueKind.Object && (e.TryGetProperty("trace_id", out _) || e.TryGetProperty("start_time", out _)))
        {
            return XRayImportFormat.RetrievedXRay;
        }
        if (e.ValueKind == JsonValueKind.Object && (e.TryGetProperty("traceId", out _) || e.TryGetProperty("resourceSpans", out _)))
        {
            return XRayImportFormat.RetrievedOtel;
        }
        throw Fail(path, "a segment document (trace_id, start_time; --trace-format XRAY) or a span (traceId, spanId; --trace-format OTEL)", e);
    }

    private static List<ImportedSpan> OtelDocument(string document, string path)
    {
        using var doc = Open(document, path, "a span document (a JSON object) in the string");
        var e = doc.RootElement;
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("resourceSpans", out _))
        {
            return [SpanRecordReader.Read(e, path)];
        }
        TracesData data;
        try
        {
            data = OtlpJson.Parse<TracesData>(JsonNode.Parse(e.GetRawText())!.AsObject());
        }
        catch (OtlpFormatException ex)
        {
            throw new ImportFailure(new XRayImportError(path, "OTLP/JSON TracesData", ex.Message.Length <= 200 ? ex.Message : ex.Message[..197] + "..."));
        }
        return [.. data.ResourceSpans.SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans.Select(s => new ImportedSpan(rs.Resource ?? new(), ss.Scope ?? new(), s))))];
    }

    private static ImportedSpan Record(string message, string path)
    {
        using var doc = Open(message, path, "an aws/spans span record (a JSON object) in the string");
        return SpanRecordReader.Read(doc.RootElement, path);
    }

    private static JsonDocument Open(string text, string path, string expected)
    {
        try
        {
            return JsonDocument.Parse(text, SegmentDocumentParser.Options);
        }
        catch (JsonException ex)
        {
            throw new ImportFailure(new XRayImportError(path, expected, $"invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}"));
        }
    }

    private static List<XRayTrace> Group(List<(ImportedSpan Span, string Path)> spans, XRayImportFormat format) =>
        [.. spans.GroupBy(s => Convert.ToHexStringLower(s.Span.Span.TraceId.Span), StringComparer.Ordinal)
            .Select(g => FromSpans(XRayTraceId.Normalize(g.Key)!, [.. g.Select(s => s.Span)], g.First().Path, null) with { Format = format })];

    /// <summary>Groups spans by resource and scope as an OTLP request would, and translates them for display.</summary>
    private static XRayTrace FromSpans(string id, List<ImportedSpan> spans, string path, double? duration)
    {
        var otel = XRayTraceId.NormalizeToHex(id)!;
        var resourceSpans = new List<ResourceSpans>();
        var byResource = new Dictionary<ByteString, ResourceSpans>();
        foreach (var s in spans)
        {
            if (Convert.ToHexStringLower(s.Span.TraceId.Span) != otel)
            {
                throw Fail(path, $"spans of trace {otel} only", null);
            }
            var key = s.Resource.ToByteString();
            if (!byResource.TryGetValue(key, out var rs))
            {
                rs = new ResourceSpans { Resource = s.Resource };
                byResource[key] = rs;
                resourceSpans.Add(rs);
            }
            var scope = rs.ScopeSpans.FirstOrDefault(x => x.Scope.Equals(s.Scope));
            if (scope is null)
            {
                scope = new ScopeSpans { Scope = s.Scope };
                rs.ScopeSpans.Add(scope);
            }
            scope.Spans.Add(s.Span);
        }
        var segments = new List<XRaySegment>();
        var n = 0;
        foreach (var t in ImportTranslator.Translate(resourceSpans))
        {
            if (t.IsAccepted)
            {
                segments.Add(SegmentDocumentParser.Parse(t.Document!, $"(lab translation of imported span {n})", id));
            }
            n++;
        }
        duration ??= spans.Count == 0 ? null
            : (spans.Max(s => s.Span.EndTimeUnixNano) - spans.Min(s => s.Span.StartTimeUnixNano)) / 1e9;
        return new XRayTrace(id, duration, false, segments) { Spans = resourceSpans };
    }
}
