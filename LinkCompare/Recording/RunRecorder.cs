using System.Collections.Concurrent;
using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Recording;

/// <summary>
/// Collects the outcomes of a run, thread-safely: a latency histogram per link and per (link, hop) from the probe's
/// hop reports, error kinds, the caller addresses each callee saw, bytes, and a sample of trace ids per link for the
/// per-hop breakdown from traces.
/// </summary>
public sealed class RunRecorder
{
    private readonly IReadOnlyList<string> _links;
    private readonly Dictionary<string, LinkState> _state;
    private readonly int _traceSampleSize;

    /// <summary>Creates a recorder for <paramref name="links"/>, keeping up to <paramref name="traceSampleSize"/> trace ids per link.</summary>
    public RunRecorder(IReadOnlyList<string> links, int traceSampleSize = 200)
    {
        ArgumentNullException.ThrowIfNull(links);
        _links = links;
        _traceSampleSize = traceSampleSize;
        _state = links.ToDictionary(l => l, _ => new LinkState(), StringComparer.Ordinal);
    }

    /// <summary>Records one outcome. An outcome for a link the recorder does not know is an error of the caller.</summary>
    public void Record(ProbeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!_state.TryGetValue(outcome.Link, out var state))
        {
            throw new ArgumentException($"Link '{outcome.Link}' is not one of this run's links ({string.Join(", ", _links)}).", nameof(outcome));
        }

        state.Latency.Record(outcome.Latency);
        state.EndToEnd.Add(outcome.Latency.TotalMilliseconds);
        Interlocked.Increment(ref state.Sent);
        Interlocked.Add(ref state.BytesSent, outcome.BytesSent);
        Interlocked.Add(ref state.BytesReceived, outcome.BytesReceived);
        if (outcome.Succeeded)
        {
            Interlocked.Increment(ref state.Succeeded);
        }
        else
        {
            state.Errors.AddOrUpdate(outcome.ErrorKind ?? "unknown", 1, (_, n) => n + 1);
        }

        foreach (var hop in outcome.Hops)
        {
            if (hop.Status is >= 200 and < 300)
            {
                state.Hops.GetOrAdd(hop.Hop, _ => new LatencyRecorder()).RecordMilliseconds(hop.ElapsedMs);
                state.HopSamples.GetOrAdd(hop.Hop, _ => new SampleReservoir()).Add(hop.ElapsedMs);
            }

            if (!string.IsNullOrEmpty(hop.RemoteAddress))
            {
                state.Addresses.AddOrUpdate((hop.Hop, hop.RemoteAddress), 1, (_, n) => n + 1);
            }
        }

        if (outcome.Succeeded && outcome.TraceId is { Length: > 0 } traceId)
        {
            state.Sample(traceId, _traceSampleSize);
        }
    }

    /// <summary>The trace ids kept for <paramref name="link"/> (a uniform sample of its successful requests).</summary>
    public IReadOnlyList<string> TraceSample(string link) => _state.TryGetValue(link, out var s) ? s.SampleSnapshot() : [];

    /// <summary>
    /// Per link, the raw samples behind the confidence intervals: end-to-end latency of every request (failures at
    /// their latency, as in the histogram) and every request's probe hop figures (2xx hops), in call order.
    /// </summary>
    public IReadOnlyList<SampleSeries> Samples() =>
        [.. _links.SelectMany(link => (IEnumerable<SampleSeries>)[
            _state[link].EndToEnd.Snapshot(link, SampleSeries.EndToEnd),
            .. _state[link].HopSamples.OrderBy(h => HopOrder.Rank(h.Key)).ThenBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => h.Value.Snapshot(link, h.Key))])];

    /// <summary>
    /// The per-link results. <paramref name="traceHops"/>, when given for a link, replaces the probe's hop figures
    /// (source "trace"); otherwise the probe's own hop reports are used (source "probe").
    /// </summary>
    public IReadOnlyList<LinkResult> Results(IReadOnlyDictionary<string, IReadOnlyList<HopResult>>? traceHops = null) =>
        [.. _links.Select(link => Result(link, _state[link], traceHops))];

    private static LinkResult Result(string link, LinkState s, IReadOnlyDictionary<string, IReadOnlyList<HopResult>>? traceHops)
    {
        var hops = traceHops is not null && traceHops.TryGetValue(link, out var fromTraces) && fromTraces.Count > 0
            ? fromTraces
            : [.. s.Hops.OrderBy(h => HopOrder.Rank(h.Key)).ThenBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => new HopResult(h.Key, HopBreakdown.ProbeSource, h.Value.Summary()))];
        var sent = Interlocked.Read(ref s.Sent);
        var succeeded = Interlocked.Read(ref s.Succeeded);
        return new LinkResult(
            link,
            sent,
            succeeded,
            sent - succeeded,
            s.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            s.Latency.Summary(),
            s.Latency.Cdf(),
            hops,
            [.. s.Addresses.OrderBy(a => HopOrder.Rank(a.Key.Hop)).ThenBy(a => a.Key.Hop, StringComparer.Ordinal)
                .ThenByDescending(a => a.Value).ThenBy(a => a.Key.Address, StringComparer.Ordinal)
                .Select(a => new RemoteAddressSeen(a.Key.Hop, a.Key.Address, a.Value))],
            Interlocked.Read(ref s.BytesSent),
            Interlocked.Read(ref s.BytesReceived),
            s.SampleSnapshot() is [var first, ..] ? first : null);
    }

    private sealed class LinkState
    {
        private readonly List<string> _sample = [];
        private readonly Random _random = new(7);
        private long _seen;

        public LatencyRecorder Latency { get; } = new();
        public ConcurrentDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<string, LatencyRecorder> Hops { get; } = new(StringComparer.Ordinal);
        public SampleReservoir EndToEnd { get; } = new();
        public ConcurrentDictionary<string, SampleReservoir> HopSamples { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<(string Hop, string Address), long> Addresses { get; } = new();

#pragma warning disable CA1051 // Interlocked needs fields.
        public long Sent;
        public long Succeeded;
        public long BytesSent;
        public long BytesReceived;
#pragma warning restore CA1051

        // Reservoir sampling: every successful request has the same chance to be in the sample, early or late.
        public void Sample(string traceId, int size)
        {
            lock (_sample)
            {
                _seen++;
                if (_sample.Count < size)
                {
                    _sample.Add(traceId);
                }
                else if (_random.NextInt64(_seen) is var slot && slot < size)
                {
                    _sample[(int)slot] = traceId;
                }
            }
        }

        public IReadOnlyList<string> SampleSnapshot()
        {
            lock (_sample)
            {
                return [.. _sample];
            }
        }
    }
}
