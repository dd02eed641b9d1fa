using TracingLab.Contracts.Telemetry;
using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LabConsole.Links;

/// <summary>One link's live figures: how many requests, their hops, and the newest trace.</summary>
/// <param name="Link">tgw, peering, privatelink or lattice.</param>
/// <param name="Traces">How many of the newest traces over this link were read.</param>
/// <param name="Hops">Per-hop latency from the client spans (source "trace").</param>
/// <param name="SampleTraceId">The newest error-free trace with a hop over this link (X-Ray form), for the side-by-side view.</param>
public sealed record LiveLinkHops(string Link, int Traces, IReadOnlyList<HopResult> Hops, string? SampleTraceId);

/// <summary>
/// The Links page's live figures from the <see cref="HopSpanWindow"/>, summarised by <see cref="HopBreakdown"/> the
/// same way the compare command summarises the traces it reads.
/// </summary>
public sealed class LiveLinkFigures(HopSpanWindow window)
{
    public const int DefaultTraces = 500;
    public const int MaxTraces = 5000;

    /// <summary>Per link seen, the hops of its newest <paramref name="traces"/> traces.</summary>
    public IReadOnlyList<LiveLinkHops> Hops(int traces = DefaultTraces)
    {
        var result = new List<LiveLinkHops>();
        foreach (var byLink in window.Snapshot().GroupBy(s => s.Link, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Newest first: the window is ordered by arrival, traces here by their newest hop.
            var newest = byLink.GroupBy(s => s.TraceId, StringComparer.Ordinal)
                .OrderByDescending(t => t.Max(s => s.EndUnixNano)).Take(traces).ToList();
            var spans = newest.SelectMany(t => t).Select(s => new HopSpan(s.TraceId, s.Hop, s.Link, s.DurationMs));
            var sample = newest.FirstOrDefault(t => !t.Any(s => s.IsError))?.Key;
            var hops = HopBreakdown.FromTraceSpans(spans).GetValueOrDefault(byLink.Key) ?? [];
            result.Add(new LiveLinkHops(byLink.Key, newest.Count, hops, XRayTraceId.TryParse(sample, out var id) ? id.ToXRay() : null));
        }

        return result;
    }
}
