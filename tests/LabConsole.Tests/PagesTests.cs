using TracingLab.LabConsole.ServiceMap;
using TracingLab.LabConsole.Telemetry;
using TracingLab.LabConsole.Tests.Support;

namespace TracingLab.LabConsole.Tests;

public class PagesTests
{
    private static readonly Dictionary<string, string?> Open = new() { ["LabConsole:AllowAnonymous"] = "true" };

    [Fact]
    public async Task XRayPageShowsTheDashboardsTraceAsSegmentsWithTimelineAndMap()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        var index = await console.Api.GetStringAsync(new Uri("/xray", UriKind.Relative));
        var page = await console.Api.GetStringAsync(new Uri($"/xray/{hops.XRayTraceId}", UriKind.Relative));

        Assert.Contains($"xray/{hops.XRayTraceId}", index, StringComparison.Ordinal);
        Assert.Equal(LabHops.SpanCount, page.Split("data-testid=\"xray-row\"").Length - 1);
        Assert.Contains("data-testid=\"xray-timeline\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"xray-map\"", page, StringComparison.Ordinal);
        Assert.Contains($"{dashboard.Url.GetLeftPart(UriPartial.Authority)}/traces/detail/{hops.OtelTraceId}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksPageShowsTheFeedsRelaysWithTheirState()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var feed = await FakeLinksFeed.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, feed.Url, Open);

        var page = await console.Api.GetStringAsync(new Uri("/links", UriKind.Relative));

        Assert.Contains("127.0.0.1:41002", page, StringComparison.Ordinal);
        Assert.Contains("<td data-testid=\"relay-state\">off</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td data-testid=\"relay-state\">on</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceMapOfOneTraceLabelsEachCallWithItsLink()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: Open);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        var page = await console.Api.GetStringAsync(new Uri($"/map?trace={hops.XRayTraceId}", UriKind.Relative));
        var map = ServiceMapBuilder.Build([new LocalTrace(default, hops.Request().ResourceSpans)]);

        Assert.Equal(
            [("servicea", "serviceb", "privatelink", 1), ("serviceb", "servicec", "peering", 1)],
            map.Edges.Select(e => (e.From, e.To, e.Link, e.Count)));
        Assert.Equal(35, map.Edges[0].P50Ms, 3);
        Assert.Equal(2, page.Split("data-testid=\"map-edge\"").Length - 1);
        Assert.Contains("privatelink", page, StringComparison.Ordinal);
    }
}
