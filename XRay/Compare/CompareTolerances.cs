namespace TracingLab.XRay.Compare;

/// <summary>What a comparison forgives. Differences within these limits are reported but do not fail it.</summary>
public sealed record CompareTolerances
{
    /// <summary>Largest start-time residual (after removing the clock offset) and duration difference, in
    /// milliseconds. Default 1 ms: X-Ray stores the times the exporter sends, so only rounding should differ.</summary>
    public double MaxTimingDeltaMs { get; init; } = 1.0;

    /// <summary>X-Ray may hold segments the local trace lacks (another service, a retry). Default false.
    /// Inferred segments (X-Ray's own nodes for un-instrumented downstreams) are always allowed.</summary>
    public bool AllowExtraSegments { get; init; }

    /// <summary>Local segments may be absent from X-Ray (sampling, an unprocessed segment). Default false.</summary>
    public bool AllowMissingSegments { get; init; }

    /// <summary>Compare annotations. Default true.</summary>
    public bool CompareAnnotations { get; init; } = true;

    /// <summary>Annotation keys left out of the comparison.</summary>
    public IReadOnlyList<string> IgnoredAnnotationKeys { get; init; } = [];

    /// <summary>Treat <c>lab.link</c> and <c>lab_link</c> as one key: the collector's <c>exporter.xray.allowDot</c>
    /// gate decides which one X-Ray gets. Default true.</summary>
    public bool DotsMatchUnderscoresInAnnotationKeys { get; init; } = true;

    /// <summary>Checks the values and names every bad one; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(MaxTimingDeltaMs) || MaxTimingDeltaMs < 0)
        {
            errors.Add($"MaxTimingDeltaMs is {MaxTimingDeltaMs}; allowed: a finite number of milliseconds, 0 or more.");
        }
        if (IgnoredAnnotationKeys is null)
        {
            errors.Add("IgnoredAnnotationKeys is null; give a list (it may be empty).");
        }
        return errors;
    }
}
