namespace TracingLab.Lab.Benchmarks;

/// <summary>One measured run against one AppHost.</summary>
internal sealed record LoadResult(
    bool Traced,
    int Requests,
    int Errors,
    double Seconds,
    double P50Ms,
    double P99Ms,
    long SpansAtDashboard,
    bool TelemetryAsExpected)
{
    public string Mode => Traced ? "traced" : "untraced";

    public double Throughput => Requests / Seconds;
}
