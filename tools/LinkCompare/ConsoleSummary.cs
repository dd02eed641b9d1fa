using System.Globalization;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tool;

/// <summary>The short table printed at the end of a run.</summary>
internal static class ConsoleSummary
{
    public static async Task WriteAsync(TextWriter output, CompareRun run, Statistics.RunComparison stats, string reportPath)
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

        if (stats.HasSamples)
        {
            await output.WriteLineAsync(string.Format(c, "intervals: percentile bootstrap, {0} resamples, {1:0.#} %, seed {2}; per hop from every request's {3} figures",
                stats.Settings.Resamples, stats.Settings.Confidence * 100, stats.Settings.Seed, stats.HopSource)).ConfigureAwait(false);
            foreach (var s in stats.Series)
            {
                await output.WriteLineAsync(string.Format(c, "  {0,-12} {1,-20} n {2,6}  p50 {3}  p99 {4}",
                    s.Link, s.Hop, s.Count, Report.IntervalsMarkdown.Figure(s.P50), Report.IntervalsMarkdown.Figure(s.P99))).ConfigureAwait(false);
            }

            foreach (var p in stats.Pairs.Where(p => p.Percentile == "p50"))
            {
                await output.WriteLineAsync($"  {p.Sentence}").ConfigureAwait(false);
            }

            foreach (var (name, s) in new[] { ("floor", stats.Floor), ("scheduler lag", stats.SchedulerLag) })
            {
                if (s is not null)
                {
                    await output.WriteLineAsync(string.Format(c, "  {0,-14} n {1,6}  p50 {2}  p99 {3}  p99−p50 {4}",
                        name, s.Count, Report.IntervalsMarkdown.Figure(s.P50), Report.IntervalsMarkdown.Figure(s.P99), s.Spread is { } d ? d.ToString("F3", c) : "–")).ConfigureAwait(false);
                }
            }
        }

        foreach (var note in run.Notes)
        {
            await output.WriteLineAsync($"note: {note}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"report: {Path.GetFullPath(reportPath)}").ConfigureAwait(false);
    }
}
