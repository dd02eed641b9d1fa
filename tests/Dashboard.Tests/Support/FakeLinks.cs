using TracingLab.LinkCompare.Model;

namespace TracingLab.Dashboard.Tests.Support;

/// <summary>Two relays and three flow records, as the AppHost's relays would report them.</summary>
public sealed class FakeLinks : ILinkSource
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<RelaySnapshot> GetRelays() =>
    [
        new("tgw", "servicea", "serviceb", "127.0.0.1:41001", "127.0.0.1:5102", "127.0.0.1", 0.5, 0.1,
            ["servicea", "tgw", "serviceb"], "assumption", 2, 1, 4096, 8192),
        new("privatelink", "servicea", "servicec", "127.0.0.1:41002", "127.0.0.1:5103", "127.0.1.3", 0.2, 0.05,
            ["servicea", "vpce", "nlb", "servicec"], "assumption", 1, 1, 1024, 2048),
    ];

    public IReadOnlyList<FlowRecord> GetFlows(DateTimeOffset? since = null) =>
    [
        .. new[]
        {
            Flow("tgw", "127.0.0.1", T0, T0.AddSeconds(60)),
            Flow("tgw", "127.0.0.1", T0.AddSeconds(60), T0.AddSeconds(120)),
            Flow("privatelink", "127.0.1.3", T0.AddSeconds(60), T0.AddSeconds(90)),
        }.Where(f => since is null || f.End >= since),
    ];

    /// <summary>A small two-link run, as the compare command would post it.</summary>
    public static CompareRun Run(string id)
    {
        var latency = new LatencySummary(10, 8, 12, 12.5, 15, 20, 20, 21);
        LinkResult Link(string name, string seen) => new(
            name, 10, 10, 0, new Dictionary<string, long>(), latency, [new CdfPoint(0.5, 12.5), new CdfPoint(1, 21)],
            [new HopResult("servicea→serviceb", "trace", latency)], [new RemoteAddressSeen("servicea→serviceb", seen, 10)],
            1000, 5000, "1-6b036a5f-6a6cfcdc8632600abd17cdde");
        var cost = new CostTable(
            "us-east-1", new DateOnly(2026, 11, 22), ["https://aws.amazon.com/transit-gateway/pricing/"], ["2 AZs"],
            [new CostLine("tgw", 1.5, 109.5, 0.03, 109.53, 0.0002, ["3 attachments × 730 h × $0.05"])]);
        return new CompareRun(
            id, FakeLinks.T0, FakeLinks.T0.AddSeconds(5), "http://127.0.0.1:5101", 2, 5, "local",
            [Link("tgw", "127.0.0.1"), Link("peering", "127.0.0.1"), Link("privatelink", "127.0.1.3")], [], [], cost, ["a note"]);
    }

    private static FlowRecord Flow(string link, string source, DateTimeOffset start, DateTimeOffset end) =>
        new($"eni-{link}", link, "servicea", "serviceb", source, 40000, "127.0.0.1", 5102, 6, 10, 4096, start, end);
}
