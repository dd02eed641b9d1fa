using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Cost;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tests;

public sealed class FlowBytesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordsCountInProportionToTheirOverlapWithTheRun()
    {
        FlowRecord[] flows =
        [
            Flow("tgw", 1000, -10, 10),   // half inside
            Flow("tgw", 400, 2, 6),       // wholly inside
            Flow("tgw", 999, -20, -1),    // before the run
            Flow("tgw", 50, 5, 5),        // zero-length, inside
            Flow("peering", 7777, 0, 10), // another link
        ];

        Assert.Equal(500 + 400 + 50, FlowBytes.Within(flows, "tgw", T0, T0.AddSeconds(20)));
        Assert.Equal(7777, FlowBytes.Within(flows, "peering", T0, T0.AddSeconds(20)));
        Assert.Equal(0, FlowBytes.Within(flows, "privatelink", T0, T0.AddSeconds(20)));
    }

    private static FlowRecord Flow(string link, long bytes, int startSeconds, int endSeconds) =>
        new("eni", link, "servicea", "serviceb", "127.0.0.1", 1, "127.0.0.1", 2, 6, 1, bytes, T0.AddSeconds(startSeconds), T0.AddSeconds(endSeconds));
}
