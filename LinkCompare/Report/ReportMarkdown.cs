using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Report;

/// <summary>The report's Markdown, rendered from a <see cref="CompareRun"/>; charts are referenced as files next to it.</summary>
public static class ReportMarkdown
{
    /// <summary>The file names of the charts the Markdown links to.</summary>
    public const string LatencyCdfFile = "latency-cdf.svg";

    /// <summary>Per-hop chart file name.</summary>
    public const string HopBreakdownFile = "hop-breakdown.svg";

    /// <summary>Error-rate chart file name.</summary>
    public const string ErrorRatesFile = "error-rates.svg";

    /// <summary>The whole report as Markdown.</summary>
    public static string Render(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"# Link comparison {run.RunId}\n";
    }
}
