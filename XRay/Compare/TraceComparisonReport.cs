using System.Text.Json;
using System.Text.Json.Serialization;

namespace TracingLab.XRay.Compare;

/// <summary>The comparison of one trace, local against X-Ray. Serializes to the JSON of
/// <c>GET /api/compare/{traceId}</c> with <see cref="ToJson"/>.</summary>
public sealed record TraceComparisonReport
{
    /// <summary>X-Ray form.</summary>
    public required string TraceId { get; init; }

    /// <summary>No difference exceeds the tolerances.</summary>
    public required bool Passed { get; init; }

    /// <summary>X-Ray start minus local start, estimated and removed from every timing delta.</summary>
    public required double ClockOffsetMs { get; init; }

    /// <summary>How the offset was estimated, e.g. "median of 3 matched segments".</summary>
    public required string ClockOffsetBasis { get; init; }

    public required int LocalSegmentCount { get; init; }

    public required int XRaySegmentCount { get; init; }

    /// <summary>X-Ray's inferred segments, not compared.</summary>
    public required int InferredSegmentsIgnored { get; init; }

    public required IReadOnlyList<SegmentMatch> Matches { get; init; }

    public required IReadOnlyList<ComparisonDifference> Differences { get; init; }

    /// <summary>Local spans the translation refused (they cannot be in X-Ray either).</summary>
    public IReadOnlyList<string> LocalRejections { get; init; } = [];

    public required CompareTolerances Tolerances { get; init; }

    /// <summary>Differences beyond the tolerances.</summary>
    [JsonIgnore]
    public IEnumerable<ComparisonDifference> Failures => Differences.Where(d => d.ExceedsTolerance);

    /// <summary>camelCase JSON with enum names as strings.</summary>
    public string ToJson(bool indented = false) =>
        JsonSerializer.Serialize(this, indented ? XRayJsonContext.Indented.TraceComparisonReport : XRayJsonContext.Default.TraceComparisonReport);
}

/// <summary>A local segment and the X-Ray segment taken to be the same.</summary>
/// <param name="StartDeltaMs">X-Ray start minus local start, clock offset removed.</param>
/// <param name="DurationDeltaMs">X-Ray duration minus local duration (null if either is in progress).</param>
public sealed record SegmentMatch(
    string LocalId,
    string XRayId,
    string Name,
    bool IsSubsegment,
    MatchMethod MatchedBy,
    double StartDeltaMs,
    double? DurationDeltaMs);

/// <summary>How a pair was matched.</summary>
public enum MatchMethod
{
    /// <summary>Same id (the exporter keeps span ids as segment ids).</summary>
    Id,

    /// <summary>Same name under the same (matched) parent, nearest start time.</summary>
    NameAndParent,
}

/// <summary>One difference between the local trace and X-Ray.</summary>
/// <param name="Segment">The segment's name (local side when there is one).</param>
/// <param name="Detail">One readable sentence.</param>
/// <param name="Local">The local value, as text.</param>
/// <param name="XRay">The X-Ray value, as text.</param>
/// <param name="ExceedsTolerance">Counts against <see cref="TraceComparisonReport.Passed"/>.</param>
public sealed record ComparisonDifference(
    DifferenceKind Kind,
    string? LocalId,
    string? XRayId,
    string Segment,
    string Detail,
    string? Local,
    string? XRay,
    bool ExceedsTolerance);

/// <summary>What differs.</summary>
public enum DifferenceKind
{
    MissingInXRay,
    ExtraInXRay,
    Name,
    Namespace,
    Error,
    Fault,
    Throttle,
    AnnotationMissing,
    AnnotationExtra,
    AnnotationValue,
    StartTime,
    Duration,

    /// <summary>A span attribute sent locally is not in the spans AWS stored (span imports only).</summary>
    AttributeMissing,

    /// <summary>AWS stored a span attribute the local span lacks (span imports only; not counted as a failure).</summary>
    AttributeExtra,

    /// <summary>A span attribute's value or type differs between the local span and the stored one (span imports only).</summary>
    AttributeValue,
}

/// <summary>Source-generated JSON for the report (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TraceComparisonReport))]
public sealed partial class XRayJsonContext : JsonSerializerContext
{
    /// <summary>The same context writing indented JSON.</summary>
    public static XRayJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    });
}
