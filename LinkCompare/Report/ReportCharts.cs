using System.Globalization;
using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Report;

/// <summary>
/// The report's charts as standalone SVG text, deterministic (invariant culture, fixed decimals) so the report, its
/// golden test and the dashboard's Links page draw the same figures from one <see cref="CompareRun"/>.
/// </summary>
public static class ReportCharts
{
    private const double Width = 800;
    private const double Height = 400;
    private const double Left = 70;
    private const double Right = 240;
    private const double Top = 40;
    private const double Bottom = 60;
    private const string Axis = "#333333";
    private const string Grid = "#dddddd";

    /// <summary>Latency CDF per link: x = latency in ms (log scale), y = fraction of requests at or below it.</summary>
    public static string LatencyCdf(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var svg = new SvgWriter(Width, Height, "Latency CDF per link");
        svg.Text(Width / 2, 22, "End-to-end latency of /lab/hops, CDF per link", "middle", size: 14);
        var values = run.Links.SelectMany(l => l.Cdf).Select(p => p.ValueMs).Where(v => v > 0).ToList();
        if (values.Count == 0)
        {
            svg.Text(Width / 2, Height / 2, "no latency recorded", "middle");
            return svg.ToString();
        }

        var lo = Math.Pow(10, Math.Floor(Math.Log10(values.Min())));
        var hi = Math.Pow(10, Math.Ceiling(Math.Log10(values.Max())));
        if (hi <= lo)
        {
            hi = lo * 10;
        }

        double X(double ms) => Left + ((Math.Log10(Math.Max(ms, lo)) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)) * PlotWidth);
        double Y(double fraction) => Top + ((1 - fraction) * PlotHeight);

        for (var decade = lo; decade <= hi * 1.0001; decade *= 10)
        {
            foreach (var step in new[] { 1, 2, 5 })
            {
                var v = decade * step;
                if (v > hi * 1.0001)
                {
                    break;
                }

                svg.Line(X(v), Top, X(v), Top + PlotHeight, Grid, dash: step == 1 ? null : "2,3");
                svg.Text(X(v), Top + PlotHeight + 16, Ms(v), "middle", size: 10);
            }
        }

        foreach (var f in new[] { 0.0, 0.25, 0.5, 0.75, 0.9, 1.0 })
        {
            svg.Line(Left, Y(f), Left + PlotWidth, Y(f), Grid);
            svg.Text(Left - 6, Y(f) + 4, f.ToString("0.##", CultureInfo.InvariantCulture), "end", size: 10);
        }

        Frame(svg, "latency (ms, log scale)", "fraction of requests");
        for (var i = 0; i < run.Links.Count; i++)
        {
            var link = run.Links[i];
            if (link.Cdf.Count == 0)
            {
                continue;
            }

            var color = LinkColors.Of(link.Link, i);
            var points = new List<(double, double)> { (X(link.Cdf[0].ValueMs), Y(0)) };
            points.AddRange(link.Cdf.Select(p => (X(p.ValueMs), Y(p.Fraction))));
            svg.Polyline(points, color, 2, $"{link.Link}: p50 {Ms(link.Latency.P50Ms)} ms, p99 {Ms(link.Latency.P99Ms)} ms, max {Ms(link.Latency.MaxMs)} ms");
        }

        Legend(svg, run, l => $"{l.Link}: p50 {Ms(l.Latency.P50Ms)}, p99 {Ms(l.Latency.P99Ms)} ms");
        return svg.ToString();
    }

    /// <summary>Per-hop latency: for each hop a bar per link at p50, a whisker to p99.</summary>
    public static string HopBreakdown(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var svg = new SvgWriter(Width, Height, "Per-hop latency per link");
        var sources = run.Links.SelectMany(l => l.Hops).Select(h => h.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sourceText = sources.Count == 0 ? "" : $" (source: {string.Join(", ", sources)})";
        svg.Text(Width / 2, 22, $"Per-hop latency, bar = p50, whisker = p99{sourceText}", "middle", size: 14);
        var hops = run.Links.SelectMany(l => l.Hops).Select(h => h.Hop).Distinct(StringComparer.Ordinal)
            .OrderBy(HopOrder.Rank).ThenBy(h => h, StringComparer.Ordinal).ToList();
        if (hops.Count == 0)
        {
            svg.Text(Width / 2, Height / 2, "no hop latency recorded", "middle");
            return svg.ToString();
        }

        var max = NiceCeiling(run.Links.SelectMany(l => l.Hops).Select(h => h.Latency.P99Ms).DefaultIfEmpty(1).Max());
        double Y(double ms) => Top + PlotHeight - (ms / max * PlotHeight);
        Ticks(svg, max, Y, "ms");
        Frame(svg, "hop", "latency (ms)");

        var groupWidth = PlotWidth / hops.Count;
        var barWidth = Math.Min(40, groupWidth * 0.8 / Math.Max(1, run.Links.Count));
        for (var g = 0; g < hops.Count; g++)
        {
            var groupLeft = Left + (g * groupWidth) + ((groupWidth - (barWidth * run.Links.Count)) / 2);
            for (var i = 0; i < run.Links.Count; i++)
            {
                var link = run.Links[i];
                var hop = link.Hops.FirstOrDefault(h => h.Hop == hops[g]);
                if (hop is null || hop.Latency.Count == 0)
                {
                    continue;
                }

                var x = groupLeft + (i * barWidth);
                var color = LinkColors.Of(link.Link, i);
                svg.Rect(x + 2, Y(hop.Latency.P50Ms), barWidth - 4, Top + PlotHeight - Y(hop.Latency.P50Ms), color,
                    $"{link.Link} {hop.Hop}: p50 {Ms(hop.Latency.P50Ms)} ms, p99 {Ms(hop.Latency.P99Ms)} ms ({hop.Source}, {hop.Latency.Count} samples)");
                var mid = x + (barWidth / 2);
                svg.Line(mid, Y(hop.Latency.P50Ms), mid, Y(hop.Latency.P99Ms), Axis);
                svg.Line(mid - 5, Y(hop.Latency.P99Ms), mid + 5, Y(hop.Latency.P99Ms), Axis);
            }

            svg.Text(Left + (g * groupWidth) + (groupWidth / 2), Top + PlotHeight + 16, hops[g], "middle", size: 11);
        }

        Legend(svg, run, l => l.Link);
        return svg.ToString();
    }

    /// <summary>Error rate per link, as bars with the failed/sent count.</summary>
    public static string ErrorRates(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var svg = new SvgWriter(Width, Height, "Error rate per link");
        svg.Text(Width / 2, 22, "Error rate per link (non-2xx, timeouts, connection errors)", "middle", size: 14);
        if (run.Links.Count == 0)
        {
            svg.Text(Width / 2, Height / 2, "no link measured", "middle");
            return svg.ToString();
        }

        var max = NiceCeiling(Math.Max(1, run.Links.Max(l => l.ErrorRate * 100)));
        double Y(double percent) => Top + PlotHeight - (percent / max * PlotHeight);
        Ticks(svg, max, Y, "%");
        Frame(svg, "link", "error rate (%)");
        var slot = PlotWidth / run.Links.Count;
        var barWidth = Math.Min(80, slot * 0.6);
        for (var i = 0; i < run.Links.Count; i++)
        {
            var link = run.Links[i];
            var percent = link.ErrorRate * 100;
            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            svg.Rect(x, Y(percent), barWidth, Top + PlotHeight - Y(percent), LinkColors.Of(link.Link, i), $"{link.Link}: {link.Failed} of {link.Sent} failed");
            svg.Text(x + (barWidth / 2), Y(percent) - 6, $"{percent.ToString("F2", CultureInfo.InvariantCulture)} % ({link.Failed}/{link.Sent})", "middle", size: 11);
            svg.Text(x + (barWidth / 2), Top + PlotHeight + 16, link.Link, "middle", size: 11);
        }

        return svg.ToString();
    }

    private static double PlotWidth => Width - Left - Right;

    private static double PlotHeight => Height - Top - Bottom;

    private static void Frame(SvgWriter svg, string xLabel, string yLabel)
    {
        svg.Line(Left, Top + PlotHeight, Left + PlotWidth, Top + PlotHeight, Axis);
        svg.Line(Left, Top, Left, Top + PlotHeight, Axis);
        svg.Text(Left + (PlotWidth / 2), Height - 18, xLabel, "middle");
        svg.Text(18, Top + (PlotHeight / 2), yLabel, "middle", rotate: -90);
    }

    private static void Ticks(SvgWriter svg, double max, Func<double, double> y, string unit)
    {
        for (var i = 0; i <= 5; i++)
        {
            var v = max * i / 5;
            svg.Line(Left, y(v), Left + PlotWidth, y(v), Grid);
            svg.Text(Left - 6, y(v) + 4, $"{Ms(v)}{(i == 5 ? " " + unit : "")}", "end", size: 10);
        }
    }

    private static void Legend(SvgWriter svg, CompareRun run, Func<LinkResult, string> label)
    {
        for (var i = 0; i < run.Links.Count; i++)
        {
            var y = Top + 10 + (i * 20);
            svg.Rect(Left + PlotWidth + 12, y - 9, 12, 12, LinkColors.Of(run.Links[i].Link, i));
            svg.Text(Left + PlotWidth + 30, y + 1, label(run.Links[i]), size: 11);
        }
    }

    // 1, 2 or 5 × 10^n at or above the value, so the axis reads in round numbers.
    private static double NiceCeiling(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Ms(double value) => value >= 100
        ? value.ToString("F0", CultureInfo.InvariantCulture)
        : value >= 1 ? value.ToString("0.##", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
