using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Faults;

namespace TracingLab.LinkCompare.Tests;

public sealed class FaultWindowTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private static readonly ActiveFault Blackhole = new("blackhole", "blackhole every byte held (both ways)");
    private static readonly ActiveFault Loss = new("loss", "loss 5%, each loss one RTO from 200 ms (callee→caller)");

    [Fact]
    public void AFaultThatCameAndWentIsAWindowFromTheFirstPollThatSawItToTheFirstThatDidNot()
    {
        var tracker = new FaultWindowTracker();

        tracker.Observe(T0, Feed());
        tracker.Observe(T0.AddSeconds(1), Feed(("tgw", Blackhole)));
        tracker.Observe(T0.AddSeconds(2), Feed(("tgw", Blackhole), ("peering", Loss)));
        tracker.Observe(T0.AddSeconds(5), Feed(("peering", Loss)));

        Assert.Equal(
        [
            new FaultWindow("tgw", "blackhole", "every byte held", "both", T0.AddSeconds(1), T0.AddSeconds(5), FaultWindow.Observed),
            new FaultWindow("peering", "loss", "5%, each loss one RTO from 200 ms", "response", T0.AddSeconds(2), null, FaultWindow.Observed),
        ], tracker.Windows());
        Assert.Equal(T0.AddSeconds(2), tracker.Since("peering", Loss, T0.AddSeconds(5)));
        Assert.Null(tracker.Since("tgw", Blackhole, T0.AddSeconds(5)));
    }

    [Fact]
    public void AFaultOnEveryRelayOfALinkIsOneWindow()
    {
        var tracker = new FaultWindowTracker();

        tracker.Observe(T0, Feed(("tgw", Blackhole), ("tgw", Blackhole)));

        Assert.Single(tracker.Windows());
    }

    [Fact]
    public void AWindowTheFeedListsWinsOverTheOneInferredFromTheSameActiveFault()
    {
        var listed = new FaultWindow("tgw", "blackhole", "", "both", T0.AddSeconds(10), T0.AddSeconds(40), "experiment tgw-blackhole");
        var tracker = new FaultWindowTracker();

        tracker.Observe(T0.AddSeconds(11), Feed([listed], ("tgw", Blackhole)));
        tracker.Observe(T0.AddSeconds(41), Feed([listed]));

        Assert.Equal([listed], tracker.Windows());
        Assert.Equal(T0.AddSeconds(10), tracker.Since("tgw", Blackhole, T0.AddSeconds(20)));
    }

    [Fact]
    public void AListedWindowTakesItsLatestVersionAndOnlyThoseOverlappingTheAskedSpanAreGiven()
    {
        var open = new FaultWindow("privatelink", "reset", "10%", "both", T0, null, "dashboard");
        var later = new FaultWindow("peering", "latency", "200ms", "request", T0.AddMinutes(5), T0.AddMinutes(6));
        var tracker = new FaultWindowTracker();

        tracker.Observe(T0, Feed([open, later]));
        tracker.Observe(T0.AddSeconds(30), Feed([open with { End = T0.AddSeconds(20) }, later]));

        Assert.Equal([open with { End = T0.AddSeconds(20) }], tracker.Windows(T0, T0.AddMinutes(1)));
        Assert.Equal(2, tracker.Windows().Count);
    }

    [Theory]
    [InlineData("latency", "latency 200 ms constant (caller→callee)", "200 ms constant", "request")]
    [InlineData("jitter", "jitter 0–30 ms (both ways)", "0–30 ms", "both")]
    [InlineData("bandwidth", "bandwidth 1 Mbit/s", "1 Mbit/s", "both")]
    public void TheRelaysWordsSplitIntoParametersAndDirection(string kind, string description, string parameters, string direction) =>
        Assert.Equal((parameters, direction), ActiveFaultText.Split(kind, description));

    private static LinksSnapshot Feed(params (string Link, ActiveFault Fault)[] faults) => Feed(null, faults);

    private static LinksSnapshot Feed(IReadOnlyList<FaultWindow>? windows, params (string Link, ActiveFault Fault)[] faults) =>
        new([.. faults.GroupBy(f => f.Link).SelectMany(g => g.Select(f => Relay(f.Link, [f.Fault])))], [], windows);

    private static RelaySnapshot Relay(string link, IReadOnlyList<ActiveFault> faults) =>
        new(link, "servicea", "serviceb", "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1", 0, 0, [], "test", 0, 0, 0, 0, Faults: faults);
}
