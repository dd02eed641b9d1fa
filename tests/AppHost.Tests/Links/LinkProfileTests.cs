using System.Net;
using TracingLab.AppHost.Links;
using TracingLab.Contracts.Links;
using TracingLab.Relay;

namespace AppHost.Tests.Links;

public class LinkProfileTests
{
    [Fact]
    public void TheShippedDefaultsLoadAndEachNamesItsSource()
    {
        Assert.True(LinkProfileSet.TryLoad(LinkProfileSet.DefaultPath, out var set, out var error), error);

        Assert.Equal(0, set.Profiles["peering"].DelayMs);
        Assert.True(set.Profiles["tgw"].DelayMs > 0);
        Assert.True(set.Profiles["privatelink"].DelayMs > 0);
        Assert.True(set.Profiles["lattice"].DelayMs > 0);
        Assert.All(set.Profiles.Values, p => Assert.True(p.Source.Contains("https://", StringComparison.Ordinal) || p.Source.Contains("ssumption", StringComparison.Ordinal), p.Source));
    }

    [Theory]
    [InlineData("{", "is not valid profile JSON")]
    [InlineData("{}", "has no \"profiles\" object")]
    [InlineData("""{"profiles":{"tgw":{"delayMs":1,"source":"x"},"peering":{"source":"x"}}}""", "has no profile for 'privatelink'")]
    [InlineData("""{"profiles":{"tgw":{"source":"x"},"peering":{"source":"x"},"privatelink":{"source":"x"}}}""", "has no profile for 'lattice'")]
    [InlineData("""{"profiles":{"tgw":{"delayMs":-1,"source":"x"},"peering":{"source":"x"},"privatelink":{"source":"x"},"lattice":{"source":"x"}}}""", "gives 'tgw' delayMs -1 and jitterMs 0; allowed: 0 to 10000 ms each")]
    [InlineData("""{"profiles":{"tgw":{"delayMs":1},"peering":{"source":"x"},"privatelink":{"source":"x"},"lattice":{"source":"x"}}}""", "gives 'tgw' no \"source\"")]
    [InlineData("""{"profiles":{"tgw":{"source":"x"},"peering":{"source":"x"},"privatelink":{"source":"x"},"lattice":{"source":"x"},"vpn":{"source":"x"}}}""", "has a profile for 'vpn'")]
    public void BadProfilesSayWhatIsWrong(string json, string expected)
    {
        Assert.False(LinkProfileSet.TryParse(json, "test.json", out _, out var error));

        Assert.Contains(expected, error);
    }

    [Fact]
    public void CommandLineFiguresReplaceTheFilesAndSaySo()
    {
        Assert.True(LinkProfileSet.TryLoad(LinkProfileSet.DefaultPath, out var set, out _));

        var changed = set.With(new Dictionary<string, double> { ["tgw"] = 1.2 }, new Dictionary<string, double> { ["privatelink"] = 0.3 });

        Assert.Equal((1.2, set["tgw"].JitterMs), (changed["tgw"].DelayMs, changed["tgw"].JitterMs));
        Assert.Equal((set["privatelink"].DelayMs, 0.3), (changed["privatelink"].DelayMs, changed["privatelink"].JitterMs));
        Assert.StartsWith("set on the command line", changed["tgw"].Source);
        Assert.Equal(set["peering"], changed["peering"]);
    }

    [Fact]
    public async Task TheLabGetsOneRelayPerEdgeAndLinkWithADistinctNlbAndLatticeAddressPerProvider()
    {
        Assert.True(LinkProfileSet.TryLoad(LinkProfileSet.DefaultPath, out var set, out _));
        var target = new IPEndPoint(IPAddress.Loopback, 9);

        await using var relays = RelayGroup.Start(
            ["servicec", "serviceb", "servicea"],
            [("servicea", "serviceb", target), ("servicea", "servicec", target), ("serviceb", "servicec", target)],
            LinkNames.All, set.Profiles);

        Assert.Equal(12, relays.Relays.Count);
        Assert.Equal(12, relays.Relays.Select(r => r.Url).Distinct().Count());
        Assert.Null(relays.Warning);
        Assert.Equal(
            ["127.0.1.2", "127.0.1.3", "127.0.1.3"],
            relays.GetRelays().Where(r => r.Link == "privatelink").Select(r => r.SourceAddress));
        Assert.Equal(
            ["127.0.171.2", "127.0.171.3", "127.0.171.3"],
            relays.GetRelays().Where(r => r.Link == "lattice").Select(r => r.SourceAddress));
        // Consumers reach lattice through its HTTP hop, not the relay behind it.
        var lattice = relays.Relays.Single(r => r.Spec.Link == "lattice" && r.Spec.Consumer == "servicea" && r.Spec.Provider == "serviceb");
        Assert.NotEqual(lattice.ListenEndPoint, lattice.ConsumerEndPoint);
        Assert.Equal(new Uri($"http://{lattice.ConsumerEndPoint}"), relays.UrlOf("servicea", "serviceb", "lattice"));
        Assert.Equal(relays.Relays[5].Url, relays.UrlOf("servicea", "servicec", "peering"));
    }
}
