using Spec = TracingLab.Contracts.Faults;
using TracingLab.Relay.Faults;

namespace TracingLab.AppHost.Links;

/// <summary>
/// Maps the lab's fault vocabulary (Lab.Contracts/Faults: options, experiment files) to the relay's faults. One spec
/// may become several relay faults; every kind is mapped, so a new kind fails to compile here until it is.
/// </summary>
internal static class RelayFaultMapping
{
    /// <summary>The relay faults that do what <paramref name="fault"/> describes, on every relay of its link.</summary>
    public static IReadOnlyList<RelayFault> ToRelayFaults(Spec.LinkFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var direction = fault.Direction switch
        {
            Spec.FaultDirection.Request => FaultDirection.CallerToCallee,
            Spec.FaultDirection.Response => FaultDirection.CalleeToCaller,
            _ => FaultDirection.Both,
        };
        return fault.Parameters switch
        {
            // delay ± spread is (delay − spread) plus a uniform 0 to 2 × spread; below zero it starts at zero.
            Spec.LatencyFault l when l.Spread > TimeSpan.Zero =>
            [
                new LatencyFault(l.Delay > l.Spread ? l.Delay - l.Spread : TimeSpan.Zero, direction, LatencyDistribution.Constant, l.Spike, l.SpikePercent / 100),
                new JitterFault(2 * l.Spread, direction),
            ],
            Spec.LatencyFault l => [new LatencyFault(l.Delay, direction, LatencyDistribution.Constant, l.Spike, l.SpikePercent / 100)],
            Spec.JitterFault j => [new JitterFault(j.Amplitude, direction)],
            Spec.LossFault loss => [new LossFault(loss.Percent / 100, direction)],
            Spec.BlackholeFault => [new BlackholeFault(direction)],
            Spec.ResetFault r => [new ResetFault((r.Percent ?? 0) / 100, r.AfterBytes, direction)],
            Spec.BandwidthFault b => [new BandwidthFault(b.BitsPerSecond, direction)],
            _ => throw new ArgumentException($"Fault kind '{fault.Kind}' has no relay mapping; allowed: latency, jitter, loss, blackhole, reset, bandwidth.", nameof(fault)),
        };
    }
}
