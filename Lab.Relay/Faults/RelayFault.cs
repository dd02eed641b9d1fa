using System.Globalization;

namespace TracingLab.Relay.Faults;

/// <summary>Which way through a relay a fault applies.</summary>
public enum FaultDirection
{
    /// <summary>Both ways.</summary>
    Both,

    /// <summary>Caller → callee: requests.</summary>
    CallerToCallee,

    /// <summary>Callee → caller: answers.</summary>
    CalleeToCaller,
}

/// <summary>How a <see cref="LatencyFault"/> draws each chunk's added delay.</summary>
public enum LatencyDistribution
{
    /// <summary>Always the delay.</summary>
    Constant,

    /// <summary>Uniform from 0 to twice the delay (mean: the delay).</summary>
    Uniform,

    /// <summary>Exponential with the delay as mean: mostly short, a long tail.</summary>
    Exponential,
}

/// <summary>
/// A fault on a running relay (see docs/faults.md). Each kind says what it does to a TCP stream; none parses user text:
/// the AppHost maps the lab's vocabulary to these records. Invalid values throw, naming the value and what is allowed.
/// </summary>
/// <param name="Direction">Which way the fault applies.</param>
public abstract record RelayFault(FaultDirection Direction)
{
    /// <summary>The kind's name, as the docs and the dashboard call it.</summary>
    public abstract string Kind { get; }

    /// <summary>True when the fault applies to bytes going to the callee (<paramref name="toCallee"/>) or back.</summary>
    public bool AppliesTo(bool toCallee) =>
        Direction == FaultDirection.Both || (Direction == FaultDirection.CallerToCallee) == toCallee;

    /// <summary>One line for the dashboard and the links feed: kind, parameters, direction.</summary>
    public string Description => $"{Kind} {Parameters} ({DirectionText})";

    /// <summary>The parameters, as a user would read them.</summary>
    protected abstract string Parameters { get; }

    private string DirectionText => Direction switch
    {
        FaultDirection.CallerToCallee => "caller→callee",
        FaultDirection.CalleeToCaller => "callee→caller",
        _ => "both ways",
    };

    /// <summary>Checks a rate is a probability.</summary>
    protected static double CheckRate(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} is {Text(value)}; allowed: a probability from 0 to 1.");

    /// <summary>Checks a duration is between 0 and <paramref name="max"/>.</summary>
    protected static TimeSpan CheckDuration(TimeSpan value, string name, TimeSpan max) =>
        value >= TimeSpan.Zero && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} is {Text(value.TotalMilliseconds)} ms; allowed: 0 to {Text(max.TotalMilliseconds)} ms.");

    /// <summary>Formats a number for messages.</summary>
    protected static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>
/// Added delay per chunk, on top of the link's profile, drawn from <paramref name="Distribution"/>; with probability
/// <paramref name="SpikeRate"/> a chunk gets <paramref name="Spike"/> more. Bytes are never reordered: a chunk is
/// never due before the previous one of its direction (the delay line's rule).
/// </summary>
public sealed record LatencyFault(
    TimeSpan Delay,
    FaultDirection Direction = FaultDirection.Both,
    LatencyDistribution Distribution = LatencyDistribution.Constant,
    TimeSpan Spike = default,
    double SpikeRate = 0) : RelayFault(Direction)
{
    /// <summary>The largest delay or spike accepted.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    /// <summary>The mean added delay.</summary>
    public TimeSpan Delay { get; } = CheckDuration(Delay, nameof(Delay), Max);

    /// <summary>The extra delay of a spike.</summary>
    public TimeSpan Spike { get; } = CheckDuration(Spike, nameof(Spike), Max);

    /// <summary>The probability that a chunk is spiked.</summary>
    public double SpikeRate { get; } = CheckRate(SpikeRate, nameof(SpikeRate));

    /// <inheritdoc/>
    public override string Kind => "latency";

    /// <inheritdoc/>
    protected override string Parameters =>
        $"{Text(Delay.TotalMilliseconds)} ms {Distribution.ToString().ToLowerInvariant()}" +
        (SpikeRate > 0 ? $", spikes of {Text(Spike.TotalMilliseconds)} ms at {Text(SpikeRate * 100)}%" : "");
}

/// <summary>A uniform random extra delay, 0 to <paramref name="Jitter"/>, per chunk (never reordering bytes).</summary>
public sealed record JitterFault(TimeSpan Jitter, FaultDirection Direction = FaultDirection.Both) : RelayFault(Direction)
{
    /// <summary>The largest jitter.</summary>
    public TimeSpan Jitter { get; } = CheckDuration(Jitter, nameof(Jitter), LatencyFault.Max);

    /// <inheritdoc/>
    public override string Kind => "jitter";

    /// <inheritdoc/>
    protected override string Parameters => $"0–{Text(Jitter.TotalMilliseconds)} ms";
}

/// <summary>
/// Packet loss as a TCP stream feels it. TCP cannot lose bytes, so a lost segment becomes a wait: each chunk (the
/// relay's segment) is lost with probability <paramref name="Rate"/>, and each loss costs one retransmission timeout,
/// starting at <see cref="MinRto"/> and doubling for every further loss of the same segment up to <see cref="MaxRto"/>
/// (exponential back-off, RFC 6298 §5.5, as Linux's retransmit timer does). After <see cref="MaxRetransmissions"/>
/// losses of one segment in a row the connection is reset. Fast retransmit (three duplicate ACKs) is not modelled:
/// request/response traffic rarely has the segments in flight behind a loss that it needs, so the RTO is what a lab
/// call pays. The model and its numbers: docs/faults-grammar.md, "What each kind does to a connection".
/// </summary>
public sealed record LossFault(double Rate, FaultDirection Direction = FaultDirection.Both) : RelayFault(Direction)
{
    /// <summary>
    /// Linux's minimum retransmission timeout, TCP_RTO_MIN = HZ/5 = 200 ms (include/net/tcp.h); on loopback and in a
    /// region the measured RTT is far below it, so the minimum is what a first retransmission waits.
    /// </summary>
    public static readonly TimeSpan MinRto = TimeSpan.FromMilliseconds(200);

    /// <summary>Linux's ceiling for a backed-off retransmission timeout, TCP_RTO_MAX = 120 s (include/net/tcp.h).</summary>
    public static readonly TimeSpan MaxRto = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Losses of one segment in a row before the connection is reset: 6, after 0.2 + 0.4 + … + 6.4 = 12.6 s of back-off.
    /// Linux gives up after tcp_retries2 = 15 retransmissions (about 924.6 s, ip-sysctl.rst), far beyond every caller's
    /// budget in the lab (an attempt times out after at most 6 s, a whole call after 20 s): the caller has given up by
    /// then either way, and ending the connection frees what the relay holds for it.
    /// </summary>
    public const int MaxRetransmissions = 6;

    /// <summary>The probability that a segment is lost.</summary>
    public double Rate { get; } = CheckRate(Rate, nameof(Rate));

    /// <inheritdoc/>
    public override string Kind => "loss";

    /// <inheritdoc/>
    protected override string Parameters => $"{Text(Rate * 100)}%, each loss an RTO from {Text(MinRto.TotalMilliseconds)} ms, doubling per repeat";
}

/// <summary>
/// Traffic disappears: new connections are accepted but never connected upstream, and established ones forward
/// nothing (bytes are held, not dropped, and flow again once the fault is cleared, as TCP retransmits them). A caller
/// that closes or resets its end while its connection is held has given up: the relay releases that connection at
/// once (it neither holds it until the fault is cleared nor connects it upstream then).
/// </summary>
public sealed record BlackholeFault(FaultDirection Direction = FaultDirection.Both) : RelayFault(Direction)
{
    /// <inheritdoc/>
    public override string Kind => "blackhole";

    /// <inheritdoc/>
    protected override string Parameters => "every byte held";
}

/// <summary>
/// Connections reset (RST): each connection with probability <paramref name="Rate"/>, drawn once, at its first chunk
/// under the fault (a drawn connection is reset at that chunk; one spared stays spared), and, when
/// <paramref name="AfterBytes"/> is set, every connection once a direction has carried that many bytes (those are
/// forwarded, the rest never). Per connection because AWS's links and load balancers hash each flow onto a path or a
/// target: when one fails, its share of connections is reset and the others carry on.
/// </summary>
public sealed record ResetFault(double Rate = 0, long? AfterBytes = null, FaultDirection Direction = FaultDirection.Both) : RelayFault(Direction)
{
    /// <summary>The probability that a connection is reset.</summary>
    public double Rate { get; } = CheckRate(Rate, nameof(Rate));

    /// <summary>Bytes a direction carries before the reset, or null.</summary>
    public long? AfterBytes { get; } = AfterBytes is null or >= 0
        ? AfterBytes
        : throw new ArgumentOutOfRangeException(nameof(AfterBytes), AfterBytes, $"AfterBytes is {AfterBytes}; allowed: 0 or more bytes, or none.");

    /// <inheritdoc/>
    public override string Kind => "reset";

    /// <inheritdoc/>
    protected override string Parameters =>
        string.Join(", ", new[] { Rate > 0 ? $"{Text(Rate * 100)}% of connections" : null, AfterBytes is { } b ? $"after {b} B" : null }.OfType<string>()) is { Length: > 0 } p ? p : "never";
}

/// <summary>
/// A cap in bits per second per direction of the relay, which all its connections share: a token bucket of
/// <paramref name="BurstBytes"/> refilled at <paramref name="BitsPerSecond"/> on the relay's clock. Shared because an
/// AWS link's bandwidth (a Transit Gateway attachment's, a PrivateLink endpoint's) is an aggregate over every flow that
/// crosses it: a caller that opens more connections gets no more of it, as it would with a per-connection cap.
/// </summary>
public sealed record BandwidthFault(long BitsPerSecond, FaultDirection Direction = FaultDirection.Both, long BurstBytes = 0) : RelayFault(Direction)
{
    /// <summary>The cap.</summary>
    public long BitsPerSecond { get; } = BitsPerSecond > 0
        ? BitsPerSecond
        : throw new ArgumentOutOfRangeException(nameof(BitsPerSecond), BitsPerSecond, $"BitsPerSecond is {BitsPerSecond}; allowed: more than 0.");

    /// <summary>How many bytes may pass at once after a quiet spell.</summary>
    public long BurstBytes { get; } = BurstBytes >= 0
        ? BurstBytes
        : throw new ArgumentOutOfRangeException(nameof(BurstBytes), BurstBytes, $"BurstBytes is {BurstBytes}; allowed: 0 or more.");

    /// <inheritdoc/>
    public override string Kind => "bandwidth";

    /// <inheritdoc/>
    protected override string Parameters => $"{BitsPerSecond} bit/s" + (BurstBytes > 0 ? $", burst {BurstBytes} B" : "");
}
