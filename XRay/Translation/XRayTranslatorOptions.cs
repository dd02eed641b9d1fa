namespace TracingLab.XRay.Translation;

/// <summary>How OTLP spans are turned into X-Ray segment documents. Defaults mirror the awsxray exporter
/// (opentelemetry-collector-contrib) as the lab's ADOT collectors are configured.</summary>
public sealed record XRayTranslatorOptions
{
    /// <summary>The lab's own attributes, indexed so X-Ray filter expressions such as
    /// <c>annotation.lab_link = "privatelink"</c> work.</summary>
    public static readonly IReadOnlyList<string> LabIndexedAttributes = ["lab.link", "lab.hop"];

    /// <summary>Span (or <c>otel.resource.</c>-prefixed resource) attribute keys written as annotations, like the
    /// exporter's <c>indexed_attributes</c>. Default: <see cref="LabIndexedAttributes"/>.</summary>
    public IReadOnlyList<string> IndexedAttributes { get; init; } = LabIndexedAttributes;

    /// <summary>Every scalar attribute becomes an annotation (the exporter's <c>index_all_attributes</c>). Default false.</summary>
    public bool IndexAllAttributes { get; init; }

    /// <summary>Keep <c>.</c> in annotation keys. The exporter keeps dots when its feature gate
    /// <c>exporter.xray.allowDot</c> is on (beta, on by default since v0.97.0); the lab runs its collectors with
    /// the gate off (<c>--feature-gates=-exporter.xray.allowDot</c>) so <c>lab.link</c> becomes <c>lab_link</c>.
    /// Default false (dots become underscores).</summary>
    public bool KeepDotsInAnnotationKeys { get; init; }

    /// <summary>Clock for the trace-id age and future checks. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Oldest trace-id epoch accepted. X-Ray keeps 30 days; the exporter rejects beyond 28 to stay clear of it.</summary>
    public TimeSpan MaxTraceIdAge { get; init; } = TimeSpan.FromDays(28);

    /// <summary>How far in the future a trace-id epoch may be (clock skew). The exporter allows 5 minutes.</summary>
    public TimeSpan MaxTraceIdSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Skip the age and future checks (the exporter's <c>skip_timestamp_validation</c>). Default false.</summary>
    public bool SkipTimestampValidation { get; init; }

    /// <summary>Largest document accepted by PutTraceSegments, in UTF-8 bytes (64 kB).</summary>
    public int MaxDocumentBytes { get; init; } = 64 * 1024;

    /// <summary>Checks the options and names every bad value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (IndexedAttributes is null)
        {
            errors.Add("IndexedAttributes is null; give a list (it may be empty).");
        }
        if (Clock is null)
        {
            errors.Add("Clock is null; use TimeProvider.System or a test clock.");
        }
        if (MaxTraceIdAge <= TimeSpan.Zero || MaxTraceIdAge > TimeSpan.FromDays(30))
        {
            errors.Add($"MaxTraceIdAge is {MaxTraceIdAge}; allowed: more than zero and at most 30 days (X-Ray's retention).");
        }
        if (MaxTraceIdSkew < TimeSpan.Zero)
        {
            errors.Add($"MaxTraceIdSkew is {MaxTraceIdSkew}; allowed: zero or more.");
        }
        if (MaxDocumentBytes < 1024 || MaxDocumentBytes > 64 * 1024)
        {
            errors.Add($"MaxDocumentBytes is {MaxDocumentBytes}; allowed: 1024 to 65536.");
        }
        return errors;
    }
}
