using TracingLab.AppHost.Links;
using TracingLab.Contracts.Faults;
using Relay = TracingLab.Relay.Faults;

namespace AppHost.Tests.Links;

public class RelayFaultMappingTests
{
    [Fact]
    public void EachKindOfTheLabsVocabularyBecomesTheRelaysFault()
    {
        var faults = LinkFaults.Parse("tgw=blackhole,peering=latency:200ms,privatelink=loss:5%");

        Assert.Equal([new Relay.BlackholeFault()], RelayFaultMapping.ToRelayFaults(faults.Single(f => f.Link == "tgw")));
        Assert.Equal([new Relay.LatencyFault(TimeSpan.FromMilliseconds(200))], RelayFaultMapping.ToRelayFaults(faults.Single(f => f.Link == "peering")));
        Assert.Equal([new Relay.LossFault(0.05)], RelayFaultMapping.ToRelayFaults(faults.Single(f => f.Link == "privatelink")));
    }

    [Fact]
    public void DirectionsAndTheOtherKindsMap()
    {
        Assert.Equal(
            [new Relay.ResetFault(0, 1024, Relay.FaultDirection.CalleeToCaller)],
            RelayFaultMapping.ToRelayFaults(new LinkFault("tgw", new ResetFault(null, 1024), FaultDirection.Response)));
        Assert.Equal(
            [new Relay.BandwidthFault(1_000_000, Relay.FaultDirection.CallerToCallee)],
            RelayFaultMapping.ToRelayFaults(new LinkFault("tgw", new BandwidthFault(1_000_000), FaultDirection.Request)));
        Assert.Equal(
            [new Relay.JitterFault(TimeSpan.FromMilliseconds(30))],
            RelayFaultMapping.ToRelayFaults(new LinkFault("tgw", new JitterFault(TimeSpan.FromMilliseconds(30)))));
    }

    [Fact]
    public void LatencyWithASpreadIsTheLowerBoundPlusAJitterOfTwiceTheSpread()
    {
        var spread = new LinkFault("tgw", new LatencyFault(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20), TimeSpan.Zero, 0));

        Assert.Equal(
            [new Relay.LatencyFault(TimeSpan.FromMilliseconds(80)), new Relay.JitterFault(TimeSpan.FromMilliseconds(40))],
            RelayFaultMapping.ToRelayFaults(spread));
    }
}
