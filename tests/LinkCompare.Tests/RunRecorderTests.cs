using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Recording;

namespace TracingLab.LinkCompare.Tests;

public sealed class RunRecorderTests
{
    private static readonly string[] Links = ["tgw", "privatelink"];

    [Fact]
    public void OutcomesAreCountedPerLinkWithErrorKindsAddressesAndBytes()
    {
        var recorder = new RunRecorder(Links);
        for (var i = 0; i < 8; i++)
        {
            recorder.Record(Ok("tgw", 2 + i, "127.0.0.1", $"1-00000000-{i:x24}"));
        }

        recorder.Record(Ok("privatelink", 3, "127.0.0.2", "1-00000000-00000000000000000000000a"));
        recorder.Record(new ProbeOutcome("tgw", TimeSpan.FromMilliseconds(10_000), false, "timeout", 60, 0, null, []));
        recorder.Record(new ProbeOutcome("tgw", TimeSpan.FromMilliseconds(40), false, "502", 60, 300, "1-00000000-00000000000000000000000b",
            [new ProbeHop("servicea→serviceb", null, 30, 502)]));

        var results = recorder.Results();
        var tgw = results[0];
        Assert.Equal(["tgw", "privatelink"], results.Select(r => r.Link));
        Assert.Equal(10, tgw.Sent);
        Assert.Equal(8, tgw.Succeeded);
        Assert.Equal(2, tgw.Failed);
        Assert.Equal(0.2, tgw.ErrorRate, 6);
        Assert.Equal(new Dictionary<string, long> { ["502"] = 1, ["timeout"] = 1 }, tgw.Errors);
        Assert.Equal(10 * 60, tgw.BytesSent);
        Assert.Equal((8 * 500) + 300, tgw.BytesReceived);
        Assert.InRange(tgw.Latency.MaxMs, 9990, 10010);
        Assert.Equal(HopOrder.Known, tgw.Hops.Select(h => h.Hop));
        Assert.All(tgw.Hops, h => Assert.Equal(HopBreakdown.ProbeSource, h.Source));
        // The failed hop (502) is not a latency sample.
        Assert.All(tgw.Hops, h => Assert.Equal(8, h.Latency.Count));
        Assert.Equal([new RemoteAddressSeen("servicea→serviceb", "127.0.0.1", 8), new RemoteAddressSeen("serviceb→servicec", "127.0.0.1", 8), new RemoteAddressSeen("servicea→servicec", "127.0.0.1", 8)], tgw.RemoteAddresses);
        Assert.Equal("127.0.0.2", Assert.Single(results[1].RemoteAddresses.Select(a => a.Address).Distinct()));
        Assert.StartsWith("1-00000000-", tgw.SampleTraceId, StringComparison.Ordinal);
    }

    [Fact]
    public void TraceHopsReplaceProbeHopsOnlyForTheLinksThatHaveThem()
    {
        var recorder = new RunRecorder(Links);
        recorder.Record(Ok("tgw", 2, "127.0.0.1", "1-00000000-000000000000000000000001"));
        recorder.Record(Ok("privatelink", 2, "127.0.0.2", "1-00000000-000000000000000000000002"));
        var fromTraces = HopBreakdown.FromTraceSpans([new HopSpan("t", "servicea→serviceb", "tgw", 1.5)]);

        var results = recorder.Results(fromTraces);
        Assert.Equal(HopBreakdown.TraceSource, Assert.Single(results[0].Hops).Source);
        Assert.All(results[1].Hops, h => Assert.Equal(HopBreakdown.ProbeSource, h.Source));
    }

    [Fact]
    public void TheTraceSampleIsBoundedAndOnlyHoldsSuccessfulRequests()
    {
        var recorder = new RunRecorder(Links, traceSampleSize: 5);
        for (var i = 0; i < 100; i++)
        {
            recorder.Record(Ok("tgw", 1, "127.0.0.1", $"ok-{i}"));
            recorder.Record(new ProbeOutcome("tgw", TimeSpan.FromMilliseconds(1), false, "502", 0, 0, $"failed-{i}", []));
        }

        var sample = recorder.TraceSample("tgw");
        Assert.Equal(5, sample.Count);
        Assert.All(sample, id => Assert.StartsWith("ok-", id, StringComparison.Ordinal));
        Assert.Equal(5, sample.Distinct().Count());
    }

    [Fact]
    public void AnOutcomeForAnUnknownLinkIsRefusedNamingTheLinks()
    {
        var recorder = new RunRecorder(Links);
        var e = Assert.Throws<ArgumentException>(() => recorder.Record(Ok("peering", 1, "127.0.0.1", "x")));
        Assert.Contains("'peering'", e.Message, StringComparison.Ordinal);
        Assert.Contains("tgw, privatelink", e.Message, StringComparison.Ordinal);
    }

    private static ProbeOutcome Ok(string link, double ms, string address, string traceId) => new(
        link, TimeSpan.FromMilliseconds(ms), true, null, 60, 500, traceId,
        [new ProbeHop("servicea→serviceb", address, ms / 2, 200), new ProbeHop("serviceb→servicec", address, ms / 4, 200), new ProbeHop("servicea→servicec", address, ms / 4, 200)]);
}
