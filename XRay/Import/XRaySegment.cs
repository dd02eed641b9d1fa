using System.Text.Json;

namespace TracingLab.XRay.Import;

/// <summary>
/// A segment or subsegment as X-Ray stores it: parsed from a segment document (imported from the AWS CLI, or
/// produced by the lab's own translation). Subsegments embedded in a document are in <see cref="Subsegments"/>.
/// </summary>
public sealed record XRaySegment
{
    /// <summary>16 hex digits.</summary>
    public required string Id { get; init; }

    /// <summary>The service (segment) or call (subsegment) name.</summary>
    public required string Name { get; init; }

    /// <summary>X-Ray form <c>1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy</c>; null on embedded subsegments, which inherit it.</summary>
    public string? TraceId { get; init; }

    /// <summary>The parent's id as written in the document (embedded subsegments have none; their parent is the
    /// enclosing entry).</summary>
    public string? ParentId { get; init; }

    /// <summary>Epoch seconds.</summary>
    public required double StartTime { get; init; }

    /// <summary>Epoch seconds; null while <see cref="InProgress"/>.</summary>
    public double? EndTime { get; init; }

    public bool InProgress { get; init; }

    /// <summary>True for <c>"type": "subsegment"</c> documents and for embedded subsegments.</summary>
    public bool IsSubsegment { get; init; }

    /// <summary><c>remote</c>, <c>aws</c> or null.</summary>
    public string? Namespace { get; init; }

    public string? Origin { get; init; }

    /// <summary>Segments X-Ray made up for a downstream service from a caller's subsegment.</summary>
    public bool Inferred { get; init; }

    public bool Fault { get; init; }

    public bool Error { get; init; }

    public bool Throttle { get; init; }

    public string? HttpMethod { get; init; }

    public string? HttpUrl { get; init; }

    public int? HttpStatus { get; init; }

    /// <summary>Annotation values: JSON strings, numbers or booleans.</summary>
    public IReadOnlyDictionary<string, JsonElement> Annotations { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The exceptions of <c>cause.exceptions</c>, type and message only.</summary>
    public IReadOnlyList<XRayExceptionInfo> Exceptions { get; init; } = [];

    /// <summary>The <c>metadata</c> object as given, or null.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>The <c>aws</c> object as given, or null.</summary>
    public JsonElement? Aws { get; init; }

    public IReadOnlyList<XRaySegment> Subsegments { get; init; } = [];

    /// <summary>Duration in milliseconds, or null while in progress.</summary>
    public double? DurationMs => EndTime is { } end ? (end - StartTime) * 1000 : null;
}

/// <summary>One entry of <c>cause.exceptions</c>.</summary>
public sealed record XRayExceptionInfo(string? Type, string? Message);
