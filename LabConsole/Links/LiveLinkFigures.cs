using TracingLab.Dashboard.Store;
using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Model;

namespace TracingLab.Dashboard.Links;

/// <summary>One link's live figures from the stored traces: how many requests, their hops, and the newest trace.</summary>
/// <param name="Link">tgw, peering or privatelink.</param>
/// <param name="Traces">How many of the newest traces over this link were read.</param>
/// <param name="Hops">Per-hop latency from the client spans (source "trace").</param>
/// <param name="SampleTraceId">The newest error-free trace with a hop over this link (X-Ray form), for the side-by-side view.</param>
public sealed record LiveLinkHops(string Link, int Traces, IReadOnlyList<HopResult> Hops, string? SampleTraceId);

/// <summary>
/// The Links page's live figures, taken from the telemetry store the same way the compare command takes them from
/// the telemetry API: the client spans of lab calls (attributes <c>lab.hop</c> and <c>lab.link</c>), summarised by
/// <see cref="HopBreakdown"/>.
/// </summary>
/// <remarks>
/// The Links page refreshes every second while traffic flows, and a compare run measures on the same machine: the
/// figures are computed at most once per <see cref="MinInterval"/> per trace limit, and served from that in between.
/// </remarks>
public sealed class LiveLinkFigures(TelemetryStore store, TimeProvider time)
{
    public const int DefaultTraces = 500;
    public const int MaxTraces = 5000;

    /// <summary>How long computed figures are served before they are computed again.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private (int Traces, long At, IReadOnlyList<LiveLinkHops> Figures)? _cached;
    private const byte ClientKind = 3;
    private const string HopAttribute = "lab.hop";
    private const string LinkAttribute = "lab.link";

    /// <summary>Per link seen in the store, the hops of its newest <paramref name="traces"/> traces.</summary>
    public IReadOnlyList<LiveLinkHops> Hops(int traces = DefaultTraces)
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (_cached is { } c && c.Traces == traces && time.GetElapsedTime(c.At, now) < MinInterval)
            {
                return c.Figures;
            }
        }

        var figures = Compute(traces);
        lock (_lock)
        {
            _cached = (traces, now, figures);
        }

        return figures;
    }

    private List<LiveLinkHops> Compute(int traces)
    {
        var result = new List<LiveLinkHops>();
        foreach (var link in store.GetLinks())
        {
            var snapshots = store.GetTraces(new TraceQuery(Link: link, Limit: traces));
            var spans = new List<HopSpan>();
            string? sample = null;
            foreach (var trace in snapshots)
            {
                var hops = HopSpansOf(trace, link).ToList();
                spans.AddRange(hops);
                // Newest first: the first error-free trace with a hop over this link is the sample.
                if (sample is null && !trace.Summary.HasError && hops.Count > 0)
                {
                    sample = trace.Summary.Id.ToXRay();
                }
            }

            var byLink = HopBreakdown.FromTraceSpans(spans);
            result.Add(new LiveLinkHops(link, snapshots.Count, byLink.GetValueOrDefault(link) ?? [], sample));
        }

        return result;
    }

    /// <summary>The lab-call client spans of <paramref name="trace"/> over <paramref name="link"/>, as neutral hop spans.</summary>
    public static IEnumerable<HopSpan> HopSpansOf(TraceSnapshot trace, string link)
    {
        ArgumentNullException.ThrowIfNull(trace);
        foreach (var span in trace.Spans)
        {
            if (span.Kind != ClientKind || span.Attribute(HopAttribute) is not { } hop)
            {
                continue;
            }

            if (!string.Equals(span.Attribute(LinkAttribute) ?? span.Link, link, StringComparison.Ordinal))
            {
                continue;
            }

            yield return new HopSpan(trace.Summary.Id.ToHex(), hop, link, span.DurationMs);
        }
    }
}
