using System.Text.Json;

namespace TracingLab.XRay.Import;

/// <summary>One trace of <c>aws xray get-trace-summaries</c> output.</summary>
public sealed record XRayTraceSummary
{
    public required string Id { get; init; }

    /// <summary>Seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>Seconds.</summary>
    public double? ResponseTime { get; init; }

    public bool HasFault { get; init; }

    public bool HasError { get; init; }

    public bool HasThrottle { get; init; }

    public bool IsPartial { get; init; }

    public string? HttpUrl { get; init; }

    public int? HttpStatus { get; init; }

    public string? HttpMethod { get; init; }

    /// <summary>Annotation key to the values seen in the trace (strings, numbers, booleans).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Annotations { get; init; } = new Dictionary<string, IReadOnlyList<JsonElement>>();

    public IReadOnlyList<XRayServiceId> ServiceIds { get; init; } = [];
}

/// <summary>A service the trace went through.</summary>
public sealed record XRayServiceId(string? Name, IReadOnlyList<string> Names, string? AccountId, string? Type);
