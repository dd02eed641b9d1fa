using System.Globalization;
using System.Text;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Report;

/// <summary>
/// The report's Markdown, rendered from a <see cref="CompareRun"/>; charts are referenced as SVG files next to it.
/// Deterministic: invariant culture, fixed decimals, stable ordering.
/// </summary>
public static class ReportMarkdown
{
    /// <summary>Latency CDF chart file name.</summary>
    public const string LatencyCdfFile = "latency-cdf.svg";

    /// <summary>Per-hop chart file name.</summary>
    public const string HopBreakdownFile = "hop-breakdown.svg";

    /// <summary>Error-rate chart file name.</summary>
    public const string ErrorRatesFile = "error-rates.svg";

    /// <summary>Fault timeline chart file name (written only for a run with fault figures).</summary>
    public const string FaultTimelineFile = "fault-timeline.svg";

    /// <summary>At most this many flow records are listed; the rest stay in run.json.</summary>
    public const int MaxFlowRows = 60;

    /// <summary>The whole report as Markdown.</summary>
    public static string Render(CompareRun run) => Render(run, Statistics.LinkComparison.Compute(run));

    /// <summary>The whole report as Markdown, with the run's intervals already computed (the bootstrap is the costly part).</summary>
    public static string Render(CompareRun run, Statistics.RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(comparison);
        var md = new StringBuilder();
        Header(md, run);
        Summary(md, run);
        FaultsMarkdown.Render(md, run);
        IntervalsMarkdown.Render(md, comparison);
        Charts(md);
        Errors(md, run);
        Hops(md, run);
        Addresses(md, run);
        Relays(md, run);
        Flows(md, run);
        Cost(md, run);
        Notes(md, run);
        return md.ToString();
    }

    private static void Header(StringBuilder md, CompareRun run)
    {
        Line(md, $"# Link comparison {Cell(run.RunId)}");
        Line(md);
        Line(md, $"- environment: **{Cell(run.Environment)}**, target `{run.Target}`");
        Line(md, $"- traffic: {F(run.RatePerSecond, 1)} requests/s per link, interleaved over {string.Join(", ", run.Links.Select(l => l.Link))}, for {F(run.DurationSeconds, 1)} s (open loop: latency counted from each request's scheduled send time)");
        Line(md, $"- run: {Time(run.Started)} → {Time(run.Ended)}");
        Line(md);
    }

    private static void Summary(StringBuilder md, CompareRun run)
    {
        Line(md, "## Summary per link");
        Line(md);
        Line(md, "| link | sent | ok | failed | error rate | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | sample trace |");
        Line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var l in run.Links)
        {
            Line(md, $"| {Cell(l.Link)} | {l.Sent} | {l.Succeeded} | {l.Failed} | {F(l.ErrorRate * 100, 2)} % | {F(l.Latency.P50Ms, 3)} | {F(l.Latency.P90Ms, 3)} | {F(l.Latency.P99Ms, 3)} | {F(l.Latency.P999Ms, 3)} | {F(l.Latency.MaxMs, 3)} | {(l.SampleTraceId is null ? "–" : $"`{Cell(l.SampleTraceId)}`")} |");
        }

        Line(md);
    }

    private static void Charts(StringBuilder md)
    {
        Line(md, "## Charts");
        Line(md);
        Line(md, $"![Latency CDF per link]({LatencyCdfFile})");
        Line(md);
        Line(md, $"![Per-hop latency]({HopBreakdownFile})");
        Line(md);
        Line(md, $"![Error rate per link]({ErrorRatesFile})");
        Line(md);
    }

    private static void Errors(StringBuilder md, CompareRun run)
    {
        Line(md, "## Errors");
        Line(md);
        var errors = run.Links.SelectMany(l => l.Errors.Select(e => (l.Link, e.Key, e.Value))).ToList();
        if (errors.Count == 0)
        {
            Line(md, "No request failed.");
            Line(md);
            return;
        }

        Line(md, "| link | kind | count |");
        Line(md, "| --- | --- | ---: |");
        foreach (var (link, kind, count) in errors)
        {
            Line(md, $"| {Cell(link)} | {Cell(kind)} | {count} |");
        }

        Line(md);
    }

    private static void Hops(StringBuilder md, CompareRun run)
    {
        Line(md, "## Per-hop latency");
        Line(md);
        Line(md, "Source `trace`: client span durations of sampled requests, from the dashboard. Source `probe`: the `elapsedMs` each caller reported in the `/lab/hops` answer.");
        Line(md);
        Line(md, "| link | hop | source | samples | p50 ms | p90 ms | p99 ms | max ms |");
        Line(md, "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in run.Links)
        {
            foreach (var h in l.Hops)
            {
                Line(md, $"| {Cell(l.Link)} | {Cell(h.Hop)} | {Cell(h.Source)} | {h.Latency.Count} | {F(h.Latency.P50Ms, 3)} | {F(h.Latency.P90Ms, 3)} | {F(h.Latency.P99Ms, 3)} | {F(h.Latency.MaxMs, 3)} |");
            }
        }

        Line(md);
    }

    private static void Addresses(StringBuilder md, CompareRun run)
    {
        Line(md, "## Remote address each callee saw");
        Line(md);
        Line(md, "The caller's address as the callee's socket saw it (PrivateLink shows the NLB's address, not the caller's; lattice shows its own link-local stand-in and carries the caller in x-forwarded-for).");
        Line(md);
        Line(md, "| link | hop | address seen | requests |");
        Line(md, "| --- | --- | --- | ---: |");
        foreach (var l in run.Links)
        {
            foreach (var a in l.RemoteAddresses)
            {
                Line(md, $"| {Cell(l.Link)} | {Cell(a.Hop)} | `{Cell(a.Address)}` | {a.Count} |");
            }
        }

        Line(md);
    }

    private static void Relays(StringBuilder md, CompareRun run)
    {
        Line(md, "## Relays");
        Line(md);
        if (run.Relays.Count == 0)
        {
            Line(md, "No relay snapshot (a deployed stack, or no dashboard).");
            Line(md);
            return;
        }

        Line(md, "| link | consumer → provider | listens | provider | source address | added delay ms | jitter ms | path | connections | bytes → provider | bytes → consumer |");
        Line(md, "| --- | --- | --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (var r in run.Relays)
        {
            Line(md, $"| {Cell(r.Link)} | {Cell(r.Consumer)} → {Cell(r.Provider)} | `{Cell(r.ListenAddress)}` | `{Cell(r.TargetAddress)}` | `{Cell(r.SourceAddress)}` | {F(r.AddedDelayMs, 2)} | {F(r.JitterMs, 2)} | {Cell(string.Join(" → ", r.Path))} | {r.Connections} | {r.BytesToProvider} | {r.BytesToConsumer} |");
        }

        Line(md);
        Line(md, "Latency profile sources:");
        Line(md);
        foreach (var source in run.Relays.Select(r => $"{r.Link}: {r.ProfileSource}").Distinct(StringComparer.Ordinal))
        {
            Line(md, $"- {source}");
        }

        Line(md);
    }

    private static void Flows(StringBuilder md, CompareRun run)
    {
        Line(md, "## Flow records");
        Line(md);
        if (run.Flows.Count == 0)
        {
            Line(md, "No flow records (a deployed stack: see the VPC / Transit Gateway flow logs in CloudWatch; or the dashboard had none).");
            Line(md);
            return;
        }

        var flows = run.Flows.OrderBy(f => f.Start).ThenBy(f => f.Link, StringComparer.Ordinal).ThenBy(f => f.SrcPort).Take(MaxFlowRows).ToList();
        var perLink = run.Flows.GroupBy(f => f.Link, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()} records, {g.Sum(f => f.Bytes)} bytes");
        Line(md, $"{run.Flows.Count} records ({string.Join("; ", perLink)}){(run.Flows.Count > MaxFlowRows ? $"; the first {MaxFlowRows} are listed, all are in run.json" : "")}.");
        Line(md);
        Line(md, "| link | interface | consumer → provider | source | destination | packets | bytes | start | end | action |");
        Line(md, "| --- | --- | --- | --- | --- | ---: | ---: | --- | --- | --- |");
        foreach (var f in flows)
        {
            Line(md, $"| {Cell(f.Link)} | {Cell(f.InterfaceId)} | {Cell(f.Consumer)} → {Cell(f.Provider)} | `{Cell(f.SrcAddr)}:{f.SrcPort}` | `{Cell(f.DstAddr)}:{f.DstPort}` | {f.Packets} | {f.Bytes} | {Time(f.Start)} | {Time(f.End)} | {Cell(f.Action)} |");
        }

        Line(md);
        Line(md, "As VPC Flow Logs lines (version 2 default format):");
        Line(md);
        Line(md, "```text");
        Line(md, "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status");
        foreach (var f in flows)
        {
            Line(md, f.ToFlowLogLine());
        }

        Line(md, "```");
        Line(md);
    }

    private static void Cost(StringBuilder md, CompareRun run)
    {
        Line(md, "## Cost at the measured traffic");
        Line(md);
        if (run.Cost is not { } cost)
        {
            Line(md, "No cost table (see the notes).");
            Line(md);
            return;
        }

        Line(md, $"Prices for {Cell(cost.Region)}, checked {cost.PricesAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. A month is the run's traffic sustained for 730 hours.");
        Line(md);
        Line(md, "| link | GB/month | fixed $/month | data $/month | total $/month | this run $ |");
        Line(md, "| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in cost.Lines)
        {
            Line(md, $"| {Cell(c.Link)} | {F(c.GigabytesPerMonth, 3)} | {F(c.FixedPerMonthUsd, 2)} | {F(c.DataPerMonthUsd, 2)} | {F(c.TotalPerMonthUsd, 2)} | {F(c.RunCostUsd, 6)} |");
        }

        Line(md);
        foreach (var c in cost.Lines)
        {
            Line(md, $"- **{Cell(c.Link)}**: {string.Join("; ", c.Breakdown)}");
        }

        Line(md);
        Line(md, "Sources:");
        Line(md);
        foreach (var s in cost.PriceSources)
        {
            Line(md, $"- <{s}>");
        }

        Line(md);
        Line(md, "Assumptions:");
        Line(md);
        foreach (var a in cost.Assumptions)
        {
            Line(md, $"- {a}");
        }

        Line(md);
    }

    private static void Notes(StringBuilder md, CompareRun run)
    {
        Line(md, "## Notes");
        Line(md);
        if (run.Notes.Count == 0)
        {
            Line(md, "None.");
        }

        foreach (var n in run.Notes)
        {
            Line(md, $"- {n}");
        }
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
