using System.Net;
using Aspire.Hosting.ApplicationModel;
using TracingLab.AppHost.Links;
using TracingLab.Contracts.Links;
using TracingLab.Relay;

namespace AppHost.Tests.Links;

public class LatticeResourceTests
{
    [Fact]
    public async Task TheLatticeResourceShowsItsHopTheAddressTheCalleeSeesAndItsProfile()
    {
        Assert.True(LinkProfileSet.TryLoad(LinkProfileSet.DefaultPath, out var set, out var error), error);
        var target = new IPEndPoint(IPAddress.Loopback, 9);
        await using var relays = RelayGroup.Start(
            ["serviceb", "servicea"], [("servicea", "serviceb", target)], [LinkNames.Lattice], set.Profiles);
        var link = new LinkResource(LinkNames.Lattice) { Relays = relays.Relays };

        var snapshot = LinkStatePublisher.Describe(new CustomResourceSnapshot { ResourceType = "Link", Properties = [] }, link);

        Assert.Equal(LinkResource.OnState, snapshot.State?.Text);
        var relay = Assert.Single(snapshot.Properties, p => p.Name == "relay.servicea.serviceb");
        var text = relay.Value?.ToString() ?? "";
        Assert.Contains("callee sees 127.0.171.2", text, StringComparison.Ordinal);
        Assert.Contains($"listens {relays.Relays[0].ConsumerEndPoint}", text, StringComparison.Ordinal);
        Assert.Contains("path servicea → sn-assoc-vpc-a → lattice-svc-serviceb → tg-serviceb → serviceb", text, StringComparison.Ordinal);
        Assert.Equal($"tcp://{relays.Relays[0].ConsumerEndPoint}", Assert.Single(snapshot.Urls).Url);
        Assert.Equal(set["lattice"].Source, snapshot.Properties.Single(p => p.Name == "link.profile.source").Value);
    }

    [Fact]
    public void FaultsOnLatticeMapToTheRelayBehindItsHopLikeAnyLinks()
    {
        var faults = LinkCommands.ToFaults(LinkNames.Lattice, "reset", "both", "after=64KiB", out var problem);

        Assert.Null(problem);
        Assert.Equal([new TracingLab.Relay.Faults.ResetFault(0, 65536)], faults);
    }
}
