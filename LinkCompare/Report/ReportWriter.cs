using System.Text;
using System.Text.Json;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Report;

/// <summary>Writes <c>report.md</c>, the SVG charts and <c>run.json</c> into a folder.</summary>
public static class ReportWriter
{
    /// <summary>The report's file name.</summary>
    public const string ReportFile = "report.md";

    /// <summary>The run's JSON file name.</summary>
    public const string RunFile = "run.json";

    /// <summary>Writes every file of the report into <paramref name="directory"/> (created if missing); returns the report's path.</summary>
    public static Task<string> WriteAsync(CompareRun run, string directory, CancellationToken ct = default) =>
        WriteAsync(run, Statistics.LinkComparison.Compute(run), directory, ct);

    /// <summary>As <see cref="WriteAsync(CompareRun, string, CancellationToken)"/>, with the run's intervals already computed.</summary>
    public static async Task<string> WriteAsync(CompareRun run, Statistics.RunComparison comparison, string directory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        await File.WriteAllTextAsync(Path.Combine(directory, ReportMarkdown.LatencyCdfFile), ReportCharts.LatencyCdf(run), utf8, ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, ReportMarkdown.HopBreakdownFile), ReportCharts.HopBreakdown(run), utf8, ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, ReportMarkdown.ErrorRatesFile), ReportCharts.ErrorRates(run), utf8, ct).ConfigureAwait(false);
        if (run.Faults is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, ReportMarkdown.FaultTimelineFile), FaultTimelineChart.Render(run), utf8, ct).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, RunFile), JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun), utf8, ct).ConfigureAwait(false);
        var report = Path.Combine(directory, ReportFile);
        await File.WriteAllTextAsync(report, ReportMarkdown.Render(run, comparison), utf8, ct).ConfigureAwait(false);
        return report;
    }
}
