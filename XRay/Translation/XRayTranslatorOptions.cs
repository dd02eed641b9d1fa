using TracingLab.XRay.Settings;

namespace TracingLab.XRay.Translation;

/// <summary>How OTLP spans are turned into X-Ray segment documents. Defaults mirror the awsxray exporter
/// (opentelemetry-collector-contrib) as the lab's ADOT collectors are configured.</summary>
public sealed record XRayTranslatorOptions
{
    /// <summary>The awsxray exporter settings (indexed attributes, index all, log groups, the allowDot gate, the
    /// collector's renames). Default: <see cref="XRayExporterSettings.Lab"/>, what the lab's ADOT collectors run with.</summary>
    public XRayExporterSettings Exporter { get; init; } = XRayExporterSettings.Lab;

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
        if (Exporter is null)
        {
            errors.Add("Exporter is null; use XRayExporterSettings.Lab or settings of your own.");
        }
        else
        {
            errors.AddRange(Exporter.Validate());
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
