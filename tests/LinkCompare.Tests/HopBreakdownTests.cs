using TracingLab.LinkCompare.Hops;

namespace TracingLab.LinkCompare.Tests;

public sealed class HopBreakdownTests
{
    [Fact]
    public void SpansAreSummarisedPerLinkAndHopInCallOrder()
    {
        var spans = new List<HopSpan>();
        for (var i = 1; i <= 100; i++)
        {
            spans.Add(new HopSpan($"t{i}", "servicea→servicec", "tgw", i / 10.0));
            spans.Add(new HopSpan($"t{i}", "servicea→serviceb", "tgw", i));
            spans.Add(new HopSpan($"t{i}", "serviceb→servicec", "peering", 2));
        }

        var hops = HopBreakdown.FromTraceSpans(spans);

        Assert.Equal(["servicea→serviceb", "servicea→servicec"], hops["tgw"].Select(h => h.Hop));
        Assert.All(hops["tgw"], h => Assert.Equal("trace", h.Source));
        var ab = hops["tgw"][0].Latency;
        Assert.Equal(100, ab.Count);
        Assert.InRange(ab.P50Ms, 49.9, 50.1);
        Assert.InRange(ab.MaxMs, 99.9, 100.1);
        Assert.InRange(hops["tgw"][1].Latency.P99Ms, 9.89, 9.91);
        Assert.InRange(Assert.Single(hops["peering"]).Latency.P50Ms, 1.99, 2.01);
    }

    [Fact]
    public void UnusableSpansAreSkippedAndTheProbeSourceIsNamed()
    {
        var hops = HopBreakdown.FromProbe([
            new HopSpan("a", "servicea→serviceb", "privatelink", 3),
            new HopSpan("b", "", "privatelink", 3),
            new HopSpan("c", "servicea→serviceb", "", 3),
            new HopSpan("d", "servicea→serviceb", "privatelink", -1),
            new HopSpan("e", "servicea→serviceb", "privatelink", double.NaN),
        ]);

        var only = Assert.Single(Assert.Single(hops).Value);
        Assert.Equal("probe", only.Source);
        Assert.Equal(1, only.Latency.Count);
    }
}
