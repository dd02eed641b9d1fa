using System.Text.Json;
using TracingLab.XRay.Translation;
using static TracingLab.XRay.Import.JsonWalk;

namespace TracingLab.XRay.Import;

/// <summary>Reads one segment document (with its embedded subsegments) into an <see cref="XRaySegment"/>.</summary>
public static class SegmentDocumentParser
{
    internal static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <summary>Parses a document string; <paramref name="path"/> names it in errors (e.g. <c>$.Traces[0].Segments[1].Document</c>).</summary>
    public static bool TryParse(string document, out XRaySegment? segment, out XRayImportError? error, string path = "$")
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            segment = Parse(document, path, expectedTraceId: null);
            error = null;
            return true;
        }
        catch (ImportFailure f)
        {
            segment = null;
            error = f.Error;
            return false;
        }
    }

    internal static XRaySegment Parse(string document, string path, string? expectedTraceId)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(document, Options);
        }
        catch (JsonException ex)
        {
            throw new ImportFailure(new XRayImportError(path, "a segment document (a JSON object) in the string",
                $"invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}"));
        }
        using (doc)
        {
            return Segment(doc.RootElement, path, topLevel: true, expectedTraceId);
        }
    }

    private static XRaySegment Segment(JsonElement e, string path, bool topLevel, string? expectedTraceId)
    {
        RequireObject(e, path, "a segment document object");
        const string hexId = "16 lowercase hex digits";
        var id = RequiredString(e, "id", path, IsSegmentId, hexId);
        var name = RequiredString(e, "name", path, s => s.Length > 0, "a non-empty string");
        var traceId = topLevel
            ? RequiredString(e, "trace_id", path, IsXRayTraceId, "an X-Ray trace id 1-{8 hex}-{24 hex}")
            : OptionalString(e, "trace_id", path, IsXRayTraceId, "an X-Ray trace id 1-{8 hex}-{24 hex}");
        if (expectedTraceId is not null && traceId is not null && !string.Equals(traceId, expectedTraceId, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(Child(path, "trace_id"), $"the trace's Id {expectedTraceId}", e.GetProperty("trace_id"));
        }
        var start = RequiredNumber(e, "start_time", path, "epoch seconds (a number)");
        var end = OptionalNumber(e, "end_time", path, "epoch seconds (a number)");
        var inProgress = OptionalBool(e, "in_progress", path);
        if (end is null && !inProgress)
        {
            throw Fail(Child(path, "end_time"), "epoch seconds (a number), or in_progress: true", null);
        }
        if (end < start)
        {
            throw Fail(Child(path, "end_time"), $"a time at or after start_time {start}", e.GetProperty("end_time"));
        }
        var type = OptionalString(e, "type", path);
        var ns = OptionalString(e, "namespace", path);
        var (method, url, status) = Http(e, path);
        var subsegments = new List<XRaySegment>();
        if (OptionalArray(e, "subsegments", path) is { } subs)
        {
            var i = 0;
            foreach (var sub in subs.EnumerateArray())
            {
                subsegments.Add(Segment(sub, Index(Child(path, "subsegments"), i++), topLevel: false, traceId ?? expectedTraceId) with { IsSubsegment = true });
            }
        }
        return new XRaySegment
        {
            Id = id,
            Name = name,
            TraceId = traceId,
            ParentId = OptionalString(e, "parent_id", path, IsSegmentId, hexId),
            StartTime = start,
            EndTime = end,
            InProgress = inProgress,
            IsSubsegment = type == "subsegment",
            Namespace = ns,
            Origin = OptionalString(e, "origin", path),
            Inferred = OptionalBool(e, "inferred", path),
            Fault = OptionalBool(e, "fault", path),
            Error = OptionalBool(e, "error", path),
            Throttle = OptionalBool(e, "throttle", path),
            HttpMethod = method,
            HttpUrl = url,
            HttpStatus = status,
            Annotations = Annotations(e, path),
            Exceptions = Exceptions(e, path),
            Metadata = OptionalObject(e, "metadata", path)?.Clone(),
            Aws = OptionalObject(e, "aws", path)?.Clone(),
            Subsegments = subsegments,
        };
    }

    private static (string? Method, string? Url, int? Status) Http(JsonElement e, string path)
    {
        if (OptionalObject(e, "http", path) is not { } http)
        {
            return (null, null, null);
        }
        var httpPath = Child(path, "http");
        string? method = null, url = null;
        int? status = null;
        if (OptionalObject(http, "request", httpPath) is { } request)
        {
            method = OptionalString(request, "method", Child(httpPath, "request"));
            url = OptionalString(request, "url", Child(httpPath, "request"));
        }
        if (OptionalObject(http, "response", httpPath) is { } response)
        {
            var responsePath = Child(httpPath, "response");
            if (OptionalNumber(response, "status", responsePath, "an HTTP status code (100-599)") is { } s)
            {
                status = s is >= 100 and <= 599 && s == Math.Floor(s)
                    ? (int)s
                    : throw Fail(Child(responsePath, "status"), "an HTTP status code (100-599)", response.GetProperty("status"));
            }
        }
        return (method, url, status);
    }

    private static Dictionary<string, JsonElement> Annotations(JsonElement e, string path)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (OptionalObject(e, "annotations", path) is not { } annotations)
        {
            return result;
        }
        foreach (var a in annotations.EnumerateObject())
        {
            if (a.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                throw Fail(Child(Child(path, "annotations"), a.Name), "a string, number or boolean annotation value", a.Value);
            }
            result[a.Name] = a.Value.Clone();
        }
        return result;
    }

    private static List<XRayExceptionInfo> Exceptions(JsonElement e, string path)
    {
        var result = new List<XRayExceptionInfo>();
        // cause may also be a bare exception id (a string) pointing at another document's exception.
        if (Optional(e, "cause") is not { ValueKind: JsonValueKind.Object } cause)
        {
            return result;
        }
        var causePath = Child(path, "cause");
        if (OptionalArray(cause, "exceptions", causePath) is { } exceptions)
        {
            var i = 0;
            foreach (var x in exceptions.EnumerateArray())
            {
                var p = Index(Child(causePath, "exceptions"), i++);
                RequireObject(x, p);
                result.Add(new XRayExceptionInfo(OptionalString(x, "type", p), OptionalString(x, "message", p)));
            }
        }
        return result;
    }

    private static bool IsSegmentId(string value) => value.Length == 16 && value.All(char.IsAsciiHexDigit);
}
