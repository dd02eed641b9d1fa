using System.Collections.Immutable;

namespace TracingLab.Relay.Faults;

/// <summary>What happens to one chunk read from one direction of a connection.</summary>
/// <param name="Bytes">How many of its bytes are forwarded.</param>
/// <param name="ExtraTicks">Delay added to the chunk (timestamp units), on top of the link's profile.</param>
/// <param name="NotBefore">The earliest timestamp it may leave (a bandwidth cap), or <see cref="long.MinValue"/>.</param>
/// <param name="ResetBefore">Reset the connection instead of forwarding anything.</param>
/// <param name="ResetAfter">Reset the connection once the chunk has been forwarded.</param>
internal readonly record struct ChunkFate(int Bytes, long ExtraTicks, long NotBefore, bool ResetBefore, bool ResetAfter)
{
    public static ChunkFate Pass(int bytes) => new(bytes, 0, long.MinValue, false, false);
}

/// <summary>
/// The faults active on one relay, swapped as a whole under a lock when one is injected or cleared, so a chunk always
/// sees one consistent set. Waiters held by a blackhole wake on <see cref="Active.Changed"/>.
/// </summary>
internal sealed class FaultState(TimeProvider time, Random random)
{
    private readonly Lock _lock = new();
    private volatile Active _active = new([]);

    public ImmutableArray<RelayFault> Faults => _active.Faults;

    public bool IsEmpty => _active.Faults.IsEmpty;

    public void Inject(RelayFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Swap(a => a.Add(fault));
    }

    public bool Remove(RelayFault fault)
    {
        var removed = false;
        Swap(a =>
        {
            // That very fault if it is active (another equal one may have been set by someone else), else an equal one.
            var index = a.IndexOf(fault, 0, a.Length, ReferenceEqualityComparer.Instance);
            index = index >= 0 ? index : a.IndexOf(fault);
            removed = index >= 0;
            return removed ? a.RemoveAt(index) : a;
        });
        return removed;
    }

    public void Clear() => Swap(_ => []);

    /// <summary>True while a blackhole covers the direction (any blackhole, for a connection not yet made).</summary>
    public bool IsBlackholed(bool? toCallee) => _active.Faults.Any(f => f is BlackholeFault && (toCallee is not { } d || f.AppliesTo(d)));

    /// <summary>Completes once no blackhole covers the direction (null: any direction, as a new connection needs both).</summary>
    public async ValueTask WhileBlackholedAsync(bool? toCallee, CancellationToken ct)
    {
        while (true)
        {
            var active = _active;
            if (!active.Faults.Any(f => f is BlackholeFault && (toCallee is not { } d || f.AppliesTo(d))))
            {
                return;
            }

            await active.Changed.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Decides the fate of <paramref name="bytes"/> read for a direction that has carried <paramref name="carried"/>
    /// bytes so far, on a connection whose per-connection draws are <paramref name="draws"/>.
    /// </summary>
    public ChunkFate Decide(bool toCallee, int bytes, long carried, ConnectionDraws draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        var active = _active;
        if (active.Faults.IsEmpty || bytes == 0)
        {
            return ChunkFate.Pass(bytes);
        }

        var forward = bytes;
        var resetAfter = false;
        double extraMs = 0;
        var notBefore = long.MinValue;
        lock (_lock)
        {
            foreach (var fault in active.Faults)
            {
                if (!fault.AppliesTo(toCallee))
                {
                    continue;
                }

                switch (fault)
                {
                    case ResetFault reset:
                        // Drawn once per connection, at its first chunk under the fault: AWS hashes each flow onto a
                        // path, so a failing path resets its share of connections, not a share of packets.
                        if (reset.Rate > 0 && draws.Draw(reset, () => random.NextDouble() < reset.Rate))
                        {
                            return new(0, 0, long.MinValue, ResetBefore: true, ResetAfter: false);
                        }

                        if (reset.AfterBytes is { } after && carried + forward >= after)
                        {
                            forward = (int)Math.Max(0, after - carried);
                            resetAfter = true;
                            if (forward == 0)
                            {
                                return new(0, 0, long.MinValue, ResetBefore: true, ResetAfter: false);
                            }
                        }

                        break;
                    case LatencyFault latency:
                        extraMs += Draw(latency);
                        break;
                    case JitterFault jitter:
                        extraMs += random.NextDouble() * jitter.Jitter.TotalMilliseconds;
                        break;
                    case LossFault loss:
                        var rto = LossFault.MinRto.TotalMilliseconds;
                        var losses = 0;
                        while (random.NextDouble() < loss.Rate)
                        {
                            if (++losses > LossFault.MaxRetransmissions)
                            {
                                // The sender gives up: the connection is reset, as after tcp_retries2.
                                return new(0, 0, long.MinValue, ResetBefore: true, ResetAfter: false);
                            }

                            extraMs += rto;
                            rto = Math.Min(rto * 2, LossFault.MaxRto.TotalMilliseconds);
                        }

                        break;
                }
            }

            // The cap applies to what leaves after the delays: a bucket per direction, shared by the relay's connections.
            foreach (var bucket in active.Buckets)
            {
                if (bucket.Fault.AppliesTo(toCallee))
                {
                    var ready = time.GetTimestamp() + (long)(extraMs * time.TimestampFrequency / 1000.0);
                    notBefore = Math.Max(notBefore, bucket.Take(toCallee, forward, ready, time.TimestampFrequency));
                }
            }
        }

        return new(forward, (long)(extraMs * time.TimestampFrequency / 1000.0), notBefore, ResetBefore: false, resetAfter);
    }

    private double Draw(LatencyFault latency)
    {
        var mean = latency.Delay.TotalMilliseconds;
        var ms = latency.Distribution switch
        {
            LatencyDistribution.Uniform => random.NextDouble() * 2 * mean,
            LatencyDistribution.Exponential => -mean * Math.Log(1 - random.NextDouble()),
            _ => mean,
        };
        if (latency.SpikeRate > 0 && random.NextDouble() < latency.SpikeRate)
        {
            ms += latency.Spike.TotalMilliseconds;
        }

        return Math.Min(ms, LatencyFault.Max.TotalMilliseconds);
    }

    private void Swap(Func<ImmutableArray<RelayFault>, ImmutableArray<RelayFault>> change)
    {
        Active old;
        lock (_lock)
        {
            old = _active;
            var faults = change(old.Faults);
            // Buckets survive a change that keeps their fault, so injecting another fault does not refill them.
            _active = new Active(faults, [.. faults.OfType<BandwidthFault>().Select(f => old.Buckets.FirstOrDefault(b => b.Fault == f) ?? new TokenBucket(f))]);
        }

        old.Changed.TrySetResult();
    }

    private sealed class Active(ImmutableArray<RelayFault> faults, ImmutableArray<TokenBucket>? buckets = null)
    {
        public ImmutableArray<RelayFault> Faults { get; } = faults;

        public ImmutableArray<TokenBucket> Buckets { get; } = buckets ?? [];

        public TaskCompletionSource Changed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// A token bucket in virtual time: the direction's "free at" timestamp advances by each chunk's serialization time
    /// at the cap; up to the burst may pass early. Called under the state's lock.
    /// </summary>
    private sealed class TokenBucket(BandwidthFault fault)
    {
        private long _freeToCallee = long.MinValue;
        private long _freeToCaller = long.MinValue;

        public BandwidthFault Fault { get; } = fault;

        public long Take(bool toCallee, int bytes, long ready, long frequency)
        {
            ref var free = ref toCallee ? ref _freeToCallee : ref _freeToCaller;
            var burst = (long)(Fault.BurstBytes * 8.0 * frequency / Fault.BitsPerSecond);
            var cost = (long)(bytes * 8.0 * frequency / Fault.BitsPerSecond);
            // Idle time refills the bucket, but never beyond the burst.
            var start = Math.Max(free, ready - burst);
            free = start + cost;
            return Math.Max(ready, free - burst);
        }
    }
}

/// <summary>
/// What one connection has drawn for the faults that decide once per connection (a reset's rate). Read and written
/// under the fault state's lock, by both directions of the connection.
/// </summary>
internal sealed class ConnectionDraws
{
    // By reference: a fault injected again is a new fault, with a new draw.
    private readonly Dictionary<RelayFault, bool> _drawn = new(ReferenceEqualityComparer.Instance);

    public bool Draw(RelayFault fault, Func<bool> draw)
    {
        if (!_drawn.TryGetValue(fault, out var drawn))
        {
            drawn = draw();
            _drawn[fault] = drawn;
        }

        return drawn;
    }
}
