namespace TracingLab.Contracts.Faults;

/// <summary>
/// What a fault does, per kind; match on the derived record. The grammar of each value is in docs/faults-grammar.md.
/// </summary>
public abstract record FaultParameters
{
    private protected FaultParameters()
    {
    }

    /// <summary>The kind these parameters belong to.</summary>
    public abstract FaultKind Kind { get; }
}

/// <summary>
/// <c>latency:200ms</c>, <c>latency:200ms~50ms</c>, <c>latency:200ms:spike=1s/1%</c>: every chunk of bytes is held
/// <see cref="Delay"/>, spread uniformly by ± <see cref="Spread"/>, plus <see cref="Spike"/> for a
/// <see cref="SpikePercent"/> share of chunks. Order is kept: TCP delivers in order.
/// </summary>
public sealed record LatencyFault(TimeSpan Delay, TimeSpan Spread, TimeSpan Spike, double SpikePercent) : FaultParameters
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Latency;
}

/// <summary><c>jitter:30ms</c>: every chunk of bytes is held a uniformly drawn 0 to <see cref="Amplitude"/>, in order.</summary>
public sealed record JitterFault(TimeSpan Amplitude) : FaultParameters
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Jitter;
}

/// <summary>
/// <c>loss:5%</c>: TCP cannot lose bytes, so a lost segment shows as a stall of one retransmission timeout (Linux's
/// minimum RTO, 200 ms) for <see cref="Percent"/> of the chunks.
/// </summary>
public sealed record LossFault(double Percent) : FaultParameters
{
    /// <summary>Linux's minimum retransmission timeout (<c>TCP_RTO_MIN</c>), the stall a lost segment costs.</summary>
    public static readonly TimeSpan RetransmissionTimeout = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Loss;
}

/// <summary><c>blackhole</c>: new connections never complete and established ones go silent; callers time out.</summary>
public sealed record BlackholeFault : FaultParameters
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Blackhole;
}

/// <summary>
/// <c>reset:10%</c> (that share of connections is reset at its first bytes) or <c>reset:after=64KiB</c> (every
/// connection is reset once that many bytes passed in the fault's direction). Exactly one of the two is set.
/// </summary>
public sealed record ResetFault(double? Percent, long? AfterBytes) : FaultParameters
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Reset;
}

/// <summary><c>bandwidth:1Mbit</c>: at most <see cref="BitsPerSecond"/> per connection and direction.</summary>
public sealed record BandwidthFault(long BitsPerSecond) : FaultParameters
{
    /// <inheritdoc/>
    public override FaultKind Kind => FaultKind.Bandwidth;
}
