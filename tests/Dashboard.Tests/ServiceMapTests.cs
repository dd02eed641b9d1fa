using TracingLab.Dashboard.ServiceMap;
using TracingLab.Dashboard.Store;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.Tests;

public sealed class ServiceMapTests
{
    [Fact]
    public async Task HopsTraceYieldsEdgesPerServicePairAndLinkWithCounts()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = await LabTraffic.SendHopsTraceAsync(dashboard.Server.OtlpGrpcUrl);
        var id = Ids.Parse(traceId.ToHexString());
        await Wait.UntilAsync(() => dashboard.Store.GetTrace(id)?.Spans.Count == 7, () => $"{dashboard.Store.GetTrace(id)?.Spans.Count ?? 0} spans");

        var map = ServiceMapBuilder.Build([dashboard.Store.GetTrace(id)!]);
        var svg = ServiceMapSvg.Render(map);

        Assert.Equal(
            ["servicea->serviceb:peering", "servicea->servicec:tgw", "serviceb->servicec:peering"],
            map.Edges.Select(e => $"{e.From}->{e.To}:{e.Link}"));
        Assert.All(map.Edges, e => Assert.Equal(1, e.Count));
        Assert.All(map.Edges, e => Assert.True(e.P99Ms >= e.P50Ms && e.P50Ms > 0));
        Assert.Equal(3, map.Nodes.Count);
        Assert.Contains("data-link=\"tgw\"", svg, StringComparison.Ordinal);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentileUsesNearestRank()
    {
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(5, ServiceMapBuilder.Percentile(values, 0.5));
        Assert.Equal(10, ServiceMapBuilder.Percentile(values, 0.99));
        Assert.Equal(0, ServiceMapBuilder.Percentile([], 0.5));
    }
}
