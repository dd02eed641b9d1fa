namespace TracingLab.Dashboard.Store;

/// <summary>Per-resource bounds (Aspire's defaults).</summary>
public sealed record TelemetryLimits(int MaxTracesPerResource = 10_000, int MaxLogsPerResource = 10_000, int MaxMetricPointsPerResource = 50_000)
{
    public static TelemetryLimits From(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.MaxTracesPerResource, options.MaxLogsPerResource, options.MaxMetricPointsPerResource);
    }
}
