using System.Net;
using Aspire.Hosting.ApplicationModel;
using TracingLab.AppHost.Links;
using TracingLab.Relay;
using TracingLab.Relay.Faults;

namespace AppHost.Tests.Links;

/// <summary>What the dashboard shows of a link: its state and faults, and when the refresh republishes it.</summary>
public sealed class LinkStatePublisherTests : IAsyncLifetime
{
    private readonly LinkResource _link = new("tgw");

    public Task InitializeAsync()
    {
        _link.Relays = [TcpRelay.Start(RelaySpec.For(
            "tgw", "servicea", "serviceb", new IPEndPoint(IPAddress.Loopback, 9), new LinkProfile(0, 0, "test"), IPAddress.Loopback))];
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var relay in _link.Relays)
        {
            await relay.DisposeAsync();
        }
    }

    [Fact]
    public void AFaultChangesTheFingerprintSoTheRefreshPublishesIt()
    {
        var before = LinkStatePublisher.Fingerprint(_link);

        _link.Relays[0].Inject(new BlackholeFault());
        var faulted = LinkStatePublisher.Fingerprint(_link);
        _link.Relays[0].ClearFaults();
        _link.Relays[0].Inject(new LossFault(0.05));

        Assert.NotEqual(before, faulted);
        Assert.NotEqual(faulted, LinkStatePublisher.Fingerprint(_link));
        _link.Relays[0].ClearFaults();
        Assert.Equal(before, LinkStatePublisher.Fingerprint(_link));
    }

    [Fact]
    public void ALinkUnderFaultsIsFaultedAndListsThem()
    {
        _link.Relays[0].Inject(new BlackholeFault());

        var snapshot = LinkStatePublisher.Describe(Empty(), _link);

        Assert.Equal(LinkResource.FaultedState, snapshot.State?.Text);
        Assert.Equal(KnownResourceStateStyles.Warn, snapshot.State?.Style);
        Assert.Equal("blackhole every byte held (both ways)", snapshot.Properties.Single(p => p.Name == "link.faults").Value);
    }

    [Fact]
    public void ALinkWithoutFaultsIsOnAndASwitchedOffOneIsOffWhateverItsFaults()
    {
        Assert.Equal(LinkResource.OnState, LinkStatePublisher.Describe(Empty(), _link).State?.Text);

        _link.Relays[0].Inject(new BlackholeFault());
        _link.Relays[0].SwitchOff();

        Assert.Equal(LinkResource.OffState, LinkStatePublisher.Describe(Empty(), _link).State?.Text);
    }

    private static CustomResourceSnapshot Empty() => new()
    {
        ResourceType = "Link",
        Properties = [],
    };
}
