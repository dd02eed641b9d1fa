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

    private static FlowRecord Flow(string link, string source, DateTimeOffset start, DateTimeOffset end) =>
        new($"eni-{link}", link, "servicea", "serviceb", source, 40000, "127.0.0.1", 5102, 6, 10, 4096, start, end);
}
