using System.Text;
using TracingLab.LinkCompare.Hops;

namespace TracingLab.LinkCompare.Tests;

public sealed class HopSpanReaderTests
{
    [Fact]
    public void ClientSpansWithLabHopAndLinkBecomeHopsAndRetriesMergeIntoOne()
    {
        const string json = """
            {"data":{"resourceSpans":[
              {"resource":{},"scopeSpans":[{"spans":[
                {"name":"GET","kind":3,"startTimeUnixNano":"1000000000","endTimeUnixNano":"1004000000",
                 "attributes":[{"key":"lab.hop","value":{"stringValue":"servicea→serviceb"}},{"key":"lab.link","value":{"stringValue":"tgw"}}]},
                {"name":"GET retry","kind":3,"startTimeUnixNano":"1005000000","endTimeUnixNano":"1007500000",
                 "attributes":[{"key":"lab.hop","value":{"stringValue":"servicea→serviceb"}},{"key":"lab.link","value":{"stringValue":"tgw"}}]},
                {"name":"server","kind":2,"startTimeUnixNano":"1000000000","endTimeUnixNano":"1009000000",
                 "attributes":[{"key":"lab.hop","value":{"stringValue":"servicea→serviceb"}},{"key":"lab.link","value":{"stringValue":"tgw"}}]},
                {"name":"no hop","kind":3,"startTimeUnixNano":"1000000000","endTimeUnixNano":"1009000000","attributes":[]}
              ]}]},
              {"resource":{},"scopeSpans":[{"spans":[
                {"name":"GET","kind":"SPAN_KIND_CLIENT","startTimeUnixNano":2000000000,"endTimeUnixNano":2001250000,
                 "attributes":[{"key":"lab.hop","value":{"stringValue":"serviceb→servicec"}},{"key":"lab.link","value":{"stringValue":"tgw"}}]}
              ]}]}
            ]},"totalCount":5,"returnedCount":5}
            """;
        var hops = HopSpanReader.Read("1-abc", Encoding.UTF8.GetBytes(json)).OrderBy(h => h.Hop, StringComparer.Ordinal).ToList();

        Assert.Equal(2, hops.Count);
        Assert.Equal(("servicea→serviceb", "tgw", 7.5), (hops[0].Hop, hops[0].Link, hops[0].DurationMs));
        Assert.Equal(("serviceb→servicec", 1.25), (hops[1].Hop, hops[1].DurationMs));
        Assert.All(hops, h => Assert.Equal("1-abc", h.TraceId));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("""{"resourceSpans":"no"}""")]
    [InlineData("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":3,"startTimeUnixNano":"x"}]}]}]}""")]
    public void AnythingElseYieldsNoHopsInsteadOfThrowing(string json)
    {
        Assert.Empty(HopSpanReader.Read("t", Encoding.UTF8.GetBytes(json)));
    }
}
