using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Recording;

namespace TracingLab.LinkCompare.Hops;

/// <summary>
/// Turns timed hops into per-link, per-hop latency summaries (<see cref="HopResult"/>), one HdrHistogram per (link,
/// hop). The load generator calls it with the client spans it fetched from the dashboard (source "trace") or, without
/// a dashboard, with the probe's own hop reports (source "probe"); the dashboard's Links page calls it with spans from
/// its store.
/// </summary>
public static class HopBreakdown
{
    /// <summary>Source name of hop figures taken from trace client spans.</summary>
    public const string TraceSource = "trace";

    /// <summary>Source name of hop figures taken from the probe's <c>elapsedMs</c>.</summary>
    public const string ProbeSource = "probe";

    /// <summary>Per link, the hops of <paramref name="spans"/> summarised with Source = "trace".</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<HopResult>> FromTraceSpans(IEnumerable<HopSpan> spans) =>
        Build(spans, TraceSource);

    /// <summary>Per link, the hops of <paramref name="hops"/> summarised with Source = "probe".</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<HopResult>> FromProbe(IEnumerable<HopSpan> hops) =>
        Build(hops, ProbeSource);

    /// <summary>
    /// Per link, the hops of <paramref name="spans"/> summarised with the given source name; hops in call order
    /// (A→B, B→C, A→C, then any other by name). Spans with an empty hop or link, or a negative or non-finite duration,
    /// are skipped.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<HopResult>> Build(IEnumerable<HopSpan> spans, string source)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(source);
        var recorders = new Dictionary<string, Dictionary<string, LatencyRecorder>>(StringComparer.Ordinal);
        foreach (var span in spans)
        {
            if (string.IsNullOrEmpty(span.Link) || string.IsNullOrEmpty(span.Hop) || !double.IsFinite(span.DurationMs) || span.DurationMs < 0)
            {
                continue;
            }

            if (!recorders.TryGetValue(span.Link, out var byHop))
            {
                recorders[span.Link] = byHop = new Dictionary<string, LatencyRecorder>(StringComparer.Ordinal);
            }

            if (!byHop.TryGetValue(span.Hop, out var recorder))
            {
                byHop[span.Hop] = recorder = new LatencyRecorder();
            }

            recorder.RecordMilliseconds(span.DurationMs);
        }

        return recorders.ToDictionary(
            l => l.Key,
            l => (IReadOnlyList<HopResult>)[.. l.Value.OrderBy(h => HopOrder.Rank(h.Key)).ThenBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => new HopResult(h.Key, source, h.Value.Summary()))],
            StringComparer.Ordinal);
    }
}
