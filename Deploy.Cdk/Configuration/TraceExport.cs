namespace TracingLab.Deploy.Configuration;

/// <summary>How the collectors send traces to AWS. Chosen at synthesis time with <c>-c traceExport</c>.</summary>
public enum TraceExport
{
    /// <summary>
    /// OTLP over HTTP, SigV4-signed, to the X-Ray OTLP endpoint <c>https://xray.{region}.amazonaws.com/v1/traces</c>;
    /// the stack turns on Transaction Search, which that endpoint requires.
    /// </summary>
    Otlp,

    /// <summary>The collector's <c>awsxray</c> exporter (segment documents through PutTraceSegments); no Transaction Search.</summary>
    AwsXRay,
}

/// <summary>Names used for <see cref="TraceExport"/> in context values.</summary>
public static class TraceExports
{
    /// <summary>Every value, default first.</summary>
    public static IReadOnlyList<TraceExport> All { get; } = [TraceExport.Otlp, TraceExport.AwsXRay];

    /// <summary>The context name: <c>otlp</c> or <c>awsxray</c>.</summary>
    public static string Name(this TraceExport export) => export switch
    {
        TraceExport.Otlp => "otlp",
        TraceExport.AwsXRay => "awsxray",
        _ => throw new ArgumentOutOfRangeException(nameof(export), export, "Unknown trace export."),
    };

    /// <summary>Parses a context name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string value, out TraceExport export)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), value, StringComparison.OrdinalIgnoreCase))
            {
                export = candidate;
                return true;
            }
        }

        export = default;
        return false;
    }
}
