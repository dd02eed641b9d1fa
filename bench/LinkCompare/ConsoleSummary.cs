using System.Globalization;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Runner;

/// <summary>The short table printed at the end of a run.</summary>
internal static class ConsoleSummary
{
    public static async Task WriteAsync(TextWriter output, CompareRun run, string reportPath)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Format(c, "{0,-12} {1,8} {2,8} {3,9} {4,10} {5,10} {6,10} {7,14}", "link", "sent", "failed", "errors", "p50 ms", "p99 ms", "max ms", "$/month")).ConfigureAwait(false);
        foreach (var l in run.Links)
        {
            var cost = run.Cost?.Lines.FirstOrDefault(x => x.Link == l.Link)?.TotalPerMonthUsd;
            await output.WriteLineAsync(string.Format(
                c, "{0,-12} {1,8} {2,8} {3,8:F2}% {4,10:F3} {5,10:F3} {6,10:F3} {7,14}",
                l.Link, l.Sent, l.Failed, l.ErrorRate * 100, l.Latency.P50Ms, l.Latency.P99Ms, l.Latency.MaxMs, cost is null ? "–" : cost.Value.ToString("F2", c))).ConfigureAwait(false);
        }

        foreach (var note in run.Notes)
        {
            await output.WriteLineAsync($"note: {note}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"report: {Path.GetFullPath(reportPath)}").ConfigureAwait(false);
    }
}
