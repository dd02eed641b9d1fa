using System.Globalization;
using System.Text;
using TracingLab.LinkCompare.Faults;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Report;

/// <summary>The report's fault section: the windows met during the run and, per link, the figures inside and outside them.</summary>
public static class FaultsMarkdown
{
    /// <summary>Appends the section for <paramref name="run"/>; nothing for a run without fault figures.</summary>
    public static void Render(StringBuilder md, CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Faults is not { } faults)
        {
            return;
        }

        Line(md, "## Fault windows");
        Line(md);
        if (faults.Windows.Count == 0)
        {
            Line(md, "No fault was active on any link during the run (the links feed was watched throughout).");
            Line(md);
            return;
        }

        Line(md, "| link | fault | from | to | source |");
        Line(md, "| --- | --- | --- | --- | --- |");
        foreach (var w in faults.Windows)
        {
            var to = w.End is { } end ? Offset(run, end) : "still active at the end";
            Line(md, $"| {Cell(w.Link)} | `{Cell(FaultWindowText.Describe(w))}` | {Offset(run, w.Start)} | {to} | {Cell(w.Source ?? "–")} |");
        }

        Line(md);
        Line(md, $"Times count from the run's start ({run.Started.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} UTC). Inside and outside: {faults.Rule}; windows marked `observed` were inferred from the relays' active faults, polled every second, so their edges are accurate to about a second.");
        Line(md);
        Line(md, "| link | requests inside | error rate inside | p50 / p90 / p99 ms inside | requests outside | error rate outside | p50 / p90 / p99 ms outside |");
        Line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in faults.Links)
        {
            Line(md, $"| {Cell(l.Link)} | {l.Inside.Sent} | {Rate(l.Inside)} | {Latency(l.Inside)} | {l.Outside.Sent} | {Rate(l.Outside)} | {Latency(l.Outside)} |");
        }

        Line(md);
        Line(md, $"![Fault windows as bands over the run]({ReportMarkdown.FaultTimelineFile})");
        Line(md);
    }

    private static string Rate(WindowFigures f) => f.Sent == 0 ? "–" : F(f.ErrorRate * 100, 2) + " %";

    private static string Latency(WindowFigures f) => f.Sent == 0 ? "–" : $"{F(f.P50Ms, 3)} / {F(f.P90Ms, 3)} / {F(f.P99Ms, 3)}";

    private static string Offset(CompareRun run, DateTimeOffset t)
    {
        var seconds = (t - run.Started).TotalSeconds;
        return (seconds < 0 ? "−" : "+") + F(Math.Abs(seconds), 1) + " s";
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
