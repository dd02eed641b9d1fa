using System.Text.Json;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.LinksFeed;

namespace Lab.Contracts.Tests;

public class FaultWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(LinkFaultsTests.EveryKind), MemberType = typeof(LinkFaultsTests))]
    public void AWindowWritesItsFaultAsTheOptionTextThatParsesBackToIt(string text, LinkFault fault)
    {
        _ = text;

        var window = FaultWindow.From(fault, T0);

        Assert.Equal(fault, Assert.Single(LinkFaults.Parse(window.ToString())));
        Assert.Equal(FaultKinds.Name(fault.Kind), window.Kind);
        Assert.Equal(FaultDirections.Name(fault.Direction), window.Direction);
    }

    [Fact]
    public void AnExperimentsFaultBecomesAWindowAtItsOffsetsFromTheStart()
    {
        var fault = new LinkFault(
            "peering", new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), TimeSpan.Zero, 0), FaultDirection.Response,
            TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

        var window = FaultWindow.From(fault, T0, "experiment mixed");

        Assert.Equal(new FaultWindow("peering", "latency", "200ms~50ms", "response", T0.AddSeconds(30), T0.AddSeconds(90), "experiment mixed"), window);
        Assert.False(window.Covers(T0.AddSeconds(29)));
        Assert.True(window.Covers(T0.AddSeconds(30)));
        Assert.False(window.Covers(T0.AddSeconds(90)));
    }

    [Fact]
    public void AFaultSetUntilClearedIsAnOpenWindowFromTheStart()
    {
        var window = FaultWindow.From(new LinkFault("tgw", new BlackholeFault()), T0);

        Assert.Equal("", window.Parameters);
        Assert.Null(window.End);
        Assert.True(window.Covers(T0.AddDays(1)));
        Assert.Equal("tgw=blackhole", window.ToString());
    }

    [Fact]
    public void TheFeedCarriesWindowsAsFaultWindowsAndAnOlderFeedWithoutThemReadsAsNull()
    {
        var snapshot = new LinksSnapshot([], [], [new FaultWindow("tgw", "loss", "5%", "both", T0, T0.AddMinutes(1), "experiment x")]);

        var json = JsonSerializer.Serialize(snapshot, LinksFeedJson.Default.LinksSnapshot);
        var older = JsonSerializer.Deserialize("""{"relays":[],"flows":[]}""", LinksFeedJson.Default.LinksSnapshot)!;

        using var document = JsonDocument.Parse(json);
        var window = document.RootElement.GetProperty("faultWindows")[0];
        Assert.Equal(["link", "kind", "parameters", "direction", "start", "end", "source"], window.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-12-06T03:00:00+00:00", window.GetProperty("start").GetString());
        Assert.Equal(snapshot.FaultWindows, JsonSerializer.Deserialize(json, LinksFeedJson.Default.LinksSnapshot)!.FaultWindows);
        Assert.Null(older.FaultWindows);
    }
}
