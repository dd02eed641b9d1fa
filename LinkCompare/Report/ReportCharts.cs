using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Report;

/// <summary>
/// The report's charts as standalone SVG text, deterministic (invariant culture, fixed decimals) so the report, its
/// golden test and the dashboard's Links page draw the same figures from one <see cref="CompareRun"/>.
/// </summary>
public static class ReportCharts
{
    /// <summary>Latency CDF per link (x: latency in ms, log scale; y: fraction of requests).</summary>
    public static string LatencyCdf(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Empty;
    }

    /// <summary>Per-hop p50/p99 bars, grouped by hop, one colour per link.</summary>
    public static string HopBreakdown(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Empty;
    }

    /// <summary>Error rate per link, bars.</summary>
    public static string ErrorRates(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Empty;
    }

    private const string Empty = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n";
}
