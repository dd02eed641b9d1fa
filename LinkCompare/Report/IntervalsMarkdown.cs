using System.Globalization;
using System.Text;
using TracingLab.LinkCompare.Statistics;

namespace TracingLab.LinkCompare.Report;

/// <summary>The report's confidence-interval sections: per link and hop, each pair's differences, the run's own noise.</summary>
public static class IntervalsMarkdown
{
    /// <summary>Appends the sections for <paramref name="c"/> to <paramref name="md"/>.</summary>
    public static void Render(StringBuilder md, RunComparison c)
    {
        Line(md, "## Confidence intervals");
        Line(md);
        if (!c.HasSamples)
        {
            Line(md, "This run carries no samples (written before intervals existed): no intervals.");
            Line(md);
            return;
        }

        Line(md, string.Create(CultureInfo.InvariantCulture,
            $"Percentile bootstrap over the run's samples: {c.Settings.Resamples} resamples, {c.Settings.Confidence * 100:0.#} % intervals, seed {c.Settings.Seed} (re-rendering run.json gives the same figures). End-to-end: every request's `/lab/hops` latency. Per hop: every request's `{c.HopSource}` hop figures (`elapsedMs` each caller reported), not the trace sample. Fewer than {BootstrapSettings.MinSamples} samples: not enough samples."));
        Line(md);
        Line(md, "| link | series | samples | p50 ms [interval] | p99 ms [interval] | p99 − p50 ms |");
        Line(md, "| --- | --- | ---: | --- | --- | ---: |");
        foreach (var s in c.Series)
        {
            Row(md, s);
        }

        Line(md);
        Line(md, "### Differences between links");
        Line(md);
        Line(md, "A − B with its interval. Distinguishable: the interval excludes 0. Not distinguishable: this run cannot tell the two apart (it does not prove them equal).");
        Line(md);
        if (c.Pairs.Count == 0)
        {
            Line(md, "Only one link: nothing to compare.");
        }

        foreach (var p in c.Pairs)
        {
            Line(md, $"- {p.Sentence}");
        }

        Line(md);
        Line(md, "### The run's own noise");
        Line(md);
        Line(md, "Floor: a bare Kestrel responder on 127.0.0.1 the runner started itself, called through the same HttpClient stack, interleaved at the same rate — what the generator and loopback alone cost. Scheduler lag: how late each request left relative to its scheduled time (latency counts from the schedule, so this is inside every figure).");
        Line(md);
        if (c.Floor is null && c.SchedulerLag is null)
        {
            Line(md, "Not measured on this run.");
            Line(md);
            return;
        }

        Line(md, "| series | samples | p50 ms [interval] | p99 ms [interval] | p99 − p50 ms |");
        Line(md, "| --- | ---: | --- | --- | ---: |");
        if (c.Floor is { } floor)
        {
            Line(md, $"| floor (bare responder) | {floor.Count} | {Figure(floor.P50)} | {Figure(floor.P99)} | {Spread(floor)} |");
        }

        if (c.SchedulerLag is { } lag)
        {
            Line(md, $"| scheduler lag | {lag.Count} | {Figure(lag.P50)} | {Figure(lag.P99)} | {Spread(lag)} |");
        }

        Line(md);
    }

    /// <summary>"0.412 [0.398, 0.431]" or "not enough samples".</summary>
    public static string Figure(Interval? i) => i is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{v.Estimate:F3} [{v.Low:F3}, {v.High:F3}]")
        : "not enough samples";

    private static string Spread(SeriesFigures s) => s.Spread is { } d ? d.ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static void Row(StringBuilder md, SeriesFigures s) =>
        Line(md, $"| {s.Link} | {s.Hop} | {s.Count} | {Figure(s.P50)} | {Figure(s.P99)} | {Spread(s)} |");

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
