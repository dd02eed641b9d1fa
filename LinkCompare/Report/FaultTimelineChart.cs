using System.Globalization;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Faults;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Report;

/// <summary>
/// Fault windows as bands over the traffic: one lane per link, time across; each window a band in its kind's colour
/// behind the lane's median and slowest latency per bucket (log scale, shared by the lanes) and red ticks where
/// requests failed. Deterministic like the report's other charts; the Links page draws its live lanes with it too.
/// </summary>
public static class FaultTimelineChart
{
    private const double Width = 800;
    private const double Left = 90;
    private const double Right = 20;
    private const double Top = 40;
    private const double LaneHeight = 70;
    private const double LaneGap = 10;
    private const double Bottom = 70;
    private const string Axis = "#333333";
    private const string Grid = "#dddddd";
    private const string Failure = "#c50f1f";
    private static readonly int[] TickSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

    /// <summary>The colour of a fault kind's band; unknown kinds are grey.</summary>
    public static string KindColor(string kind) => kind switch
    {
        "latency" => "#f7b55e",
        "jitter" => "#f2d74e",
        "loss" => "#b58ee0",
        "blackhole" => "#8a8a8a",
        "reset" => "#ef7f7f",
        "bandwidth" => "#7fb8ef",
        _ => "#bbbbbb",
    };

    /// <summary>The run's timeline with its fault windows; a note instead of lanes when the run has no fault figures.</summary>
    public static string Render(CompareRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var faults = run.Faults;
        return Render(
            $"Fault windows over the run, per link ({(faults is null ? 1 : faults.BucketSeconds).ToString("0.##", CultureInfo.InvariantCulture)} s buckets)",
            run.Started, run.Ended, [.. run.Links.Select(l => l.Link)], faults?.Timeline ?? [], faults?.BucketSeconds ?? 1, faults?.Windows ?? []);
    }

    /// <summary>
    /// Lanes for <paramref name="links"/> from <paramref name="from"/> to <paramref name="to"/>: <paramref name="buckets"/>
    /// (offsets from <paramref name="from"/>, <paramref name="bucketSeconds"/> wide) and <paramref name="windows"/> as bands.
    /// </summary>
    public static string Render(
        string title, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> links, IReadOnlyList<TimelineBucket> buckets,
        double bucketSeconds, IReadOnlyList<FaultWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(windows);
        var lanes = links.Count == 0 ? 1 : links.Count;
        var height = Top + (lanes * (LaneHeight + LaneGap)) + Bottom;
        var svg = new SvgWriter(Width, height, title);
        svg.Text(Width / 2, 22, title, "middle", size: 14);
        var seconds = Math.Max(1, (to - from).TotalSeconds);
        double X(DateTimeOffset t) => Left + (Math.Clamp((t - from).TotalSeconds, 0, seconds) / seconds * PlotWidth);
        double XAt(double offset) => Left + (Math.Clamp(offset, 0, seconds) / seconds * PlotWidth);
        var plotBottom = Top + (lanes * (LaneHeight + LaneGap)) - LaneGap;

        TimeTicks(svg, from, seconds, XAt, plotBottom);
        var values = buckets.SelectMany(b => new[] { b.P50Ms, b.MaxMs }).Where(v => v > 0).ToList();
        var lo = values.Count == 0 ? 1 : Math.Pow(10, Math.Floor(Math.Log10(values.Min())));
        var hi = values.Count == 0 ? 10 : Math.Pow(10, Math.Ceiling(Math.Log10(values.Max())));
        hi = hi <= lo ? lo * 10 : hi;

        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            var top = Top + (i * (LaneHeight + LaneGap));
            double Y(double ms) => top + LaneHeight - ((Math.Log10(Math.Clamp(ms, lo, hi)) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)) * (LaneHeight - 8));
            svg.Rect(Left, top, PlotWidth, LaneHeight, "#fafafa");
            svg.Text(Left - 8, top + (LaneHeight / 2) + 4, link, "end", LinkColors.Of(link, i), size: 12);
            svg.Text(Left - 8, top + 10, Ms(hi), "end", size: 9);
            svg.Text(Left - 8, top + LaneHeight, Ms(lo), "end", size: 9);

            var own = windows.Where(w => w.Link == link && w.Overlaps(from, to)).ToList();
            var kinds = own.Select(w => w.Kind).Distinct(StringComparer.Ordinal).ToList();
            foreach (var w in own)
            {
                // Kinds active at once share the lane in strips, so no band hides another.
                var row = kinds.IndexOf(w.Kind);
                var strip = LaneHeight / kinds.Count;
                var x = X(w.Start);
                var right = X(w.End ?? to);
                var until = w.End is { } end ? Clock(end) : "still active";
                svg.Band(x, top + (row * strip), Math.Max(2, right - x), strip, KindColor(w.Kind), w.Link, w.Kind,
                    $"{FaultWindowText.Describe(w)} from {Clock(w.Start)} to {until}{(w.Source is null ? "" : $" ({w.Source})")}");
                var label = w.Parameters.Length == 0 ? w.Kind : $"{w.Kind} {w.Parameters}";
                // A band near the right edge labels itself leftwards from the plot's end, so the label stays inside.
                var nearEnd = x > Left + PlotWidth - (label.Length * 6);
                svg.Text(nearEnd ? Left + PlotWidth - 3 : x + 3, top + (row * strip) + 11, label, nearEnd ? "end" : "start", size: 10);
            }

            var mine = buckets.Where(b => b.Link == link).OrderBy(b => b.OffsetSeconds).ToList();
            var color = LinkColors.Of(link, i);
            if (mine.Count > 0)
            {
                var half = bucketSeconds / 2;
                svg.Polyline(mine.Select(b => (XAt(b.OffsetSeconds + half), Y(b.MaxMs))), color, 1, $"{link}: slowest request per bucket");
                svg.Polyline(mine.Select(b => (XAt(b.OffsetSeconds + half), Y(b.P50Ms))), color, 2, $"{link}: median per bucket");
                foreach (var b in mine.Where(b => b.Failed > 0))
                {
                    var share = (double)b.Failed / Math.Max(1, b.Sent);
                    svg.Rect(XAt(b.OffsetSeconds), top + LaneHeight - (share * 24), Math.Max(1.5, XAt(b.OffsetSeconds + bucketSeconds) - XAt(b.OffsetSeconds) - 1), share * 24, Failure,
                        $"{link} at +{b.OffsetSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s: {b.Failed} of {b.Sent} failed");
                }
            }
            else
            {
                svg.Text(Left + (PlotWidth / 2), top + (LaneHeight / 2) + 4, "no requests", "middle", "#777777", size: 11);
            }
        }

        Legend(svg, windows.Select(w => w.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), height);
        return svg.ToString();
    }

    private static double PlotWidth => Width - Left - Right;

    private static void TimeTicks(SvgWriter svg, DateTimeOffset from, double seconds, Func<double, double> x, double bottom)
    {
        var step = TickSteps.FirstOrDefault(s => seconds / s <= 8, 7200);
        for (var t = 0.0; t <= seconds + 0.001; t += step)
        {
            svg.Line(x(t), Top, x(t), bottom, Grid, dash: "2,3");
            svg.Text(x(t), bottom + 14, "+" + t.ToString("0", CultureInfo.InvariantCulture) + " s", "middle", size: 10);
        }

        svg.Line(Left, bottom, Left + PlotWidth, bottom, Axis);
        svg.Text(Left + (PlotWidth / 2), bottom + 32, $"time from {Clock(from)} UTC; lines: median and slowest request per bucket (ms, log scale); red: share failed", "middle", size: 11);
    }

    private static void Legend(SvgWriter svg, IReadOnlyList<string> kinds, double height)
    {
        var x = Left;
        foreach (var kind in kinds)
        {
            svg.Rect(x, height - 22, 12, 12, KindColor(kind));
            svg.Text(x + 16, height - 12, kind, size: 11);
            x += 30 + (kind.Length * 7);
        }
    }

    private static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Ms(double value) => (value >= 1000 ? (value / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " s" : value.ToString("0.###", CultureInfo.InvariantCulture) + " ms");
}
