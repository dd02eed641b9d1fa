using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace TracingLab.Lab.Benchmarks;

/// <summary>Markdown tables: medians over rounds, ratios against the goals of issue 2.</summary>
internal static class Report
{
    private const double P50Goal = 1.10;
    private const double ThroughputGoal = 0.90;
    private const double StartupGoalRatio = 1.5;
    private const double StopGoalSeconds = 3;

    public static string Machine(BenchOptions options) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, load average {LoadAverage()}; AppHost {options.AppHost}");

    public static string Load(BenchOptions options, IReadOnlyList<LoadResult> results)
    {
        var traced = results.Where(r => r.Traced).ToList();
        var untraced = results.Where(r => !r.Traced).ToList();
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture,
            $"/lab/hops?via={options.Link}, {options.Requests} requests after {options.Warmup} warm-up, concurrency {options.Concurrency}, " +
            $"median of {options.Rounds} run(s) per mode, interleaved traced/untraced:");
        b.AppendLine();
        b.AppendLine("| mode | requests | throughput req/s | p50 ms | p99 ms | errors | spans at dashboard |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var runs in new[] { traced, untraced })
        {
            b.AppendLine(CultureInfo.InvariantCulture,
                $"| {runs[0].Mode} | {runs.Sum(r => r.Requests)} | {Median(runs.Select(r => r.Throughput)):F0} | " +
                $"{Median(runs.Select(r => r.P50Ms)):F2} | {Median(runs.Select(r => r.P99Ms)):F2} | {runs.Sum(r => r.Errors)} | " +
                $"{string.Join(" / ", runs.Select(r => r.SpansAtDashboard))} |");
        }

        var p50Ratio = Median(traced.Select(r => r.P50Ms)) / Median(untraced.Select(r => r.P50Ms));
        var throughputRatio = Median(traced.Select(r => r.Throughput)) / Median(untraced.Select(r => r.Throughput));
        b.AppendLine();
        b.AppendLine("| ratio traced/untraced | value | goal | holds |");
        b.AppendLine("| --- | --- | --- | --- |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| p50 | {p50Ratio:F2}× | ≤ {P50Goal:F2}× | {YesNo(p50Ratio <= P50Goal)} |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| throughput | {throughputRatio:F2}× | ≥ {ThroughputGoal:F2}× | {YesNo(throughputRatio >= ThroughputGoal)} |");
        if (results.Any(r => !r.TelemetryAsExpected))
        {
            b.AppendLine();
            b.AppendLine("WARNING: spans reached the dashboard in an untraced run, or none in a traced run; the comparison is not valid.");
        }

        return b.ToString();
    }

    public static string Startup(BenchOptions options, IReadOnlyList<StartupResult> results)
    {
        var aspire = Median(results.Select(r => r.ToHealthy.TotalSeconds));
        var floor = Median(results.Select(r => r.Floor.TotalSeconds));
        var stop = Median(results.Select(r => r.ToGone.TotalSeconds));
        var ratio = aspire / floor;
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"Start → all three healthy and SIGTERM → nothing left, {options.Startups} rounds (Lab:RandomPorts=true, dashboard unsecured):");
        b.AppendLine();
        b.AppendLine("| figure | median s | min s | max s | goal | holds |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| floor: three built services started directly, in parallel | {floor:F2} | {results.Min(r => r.Floor.TotalSeconds):F2} | {results.Max(r => r.Floor.TotalSeconds):F2} | | |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| Aspire AppHost: start → three healthy | {aspire:F2} | {results.Min(r => r.ToHealthy.TotalSeconds):F2} | {results.Max(r => r.ToHealthy.TotalSeconds):F2} | ≤ 1.5× floor ({ratio:F2}×) | {YesNo(ratio <= StartupGoalRatio)} |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| SIGTERM → no process of the lab left | {stop:F2} | {results.Min(r => r.ToGone.TotalSeconds):F2} | {results.Max(r => r.ToGone.TotalSeconds):F2} | ≤ {StopGoalSeconds:F0} s | {YesNo(stop <= StopGoalSeconds && results.All(r => r.Left == 0))} |");
        return b.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string YesNo(bool holds) => holds ? "yes" : "**no**";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
