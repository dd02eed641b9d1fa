using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LabConsole.Links;
using TracingLab.LabConsole.Tests.Support;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LabConsole.Tests;

public class LinksApiTests
{
    [Fact]
    public async Task LinksComeFromTheFeedWithTheirStateAndFlowsFilteredBySince()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var feed = await FakeLinksFeed.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, feed.Url);

        var all = await console.Api.GetFromJsonAsync("/api/links", LinksFeedJson.Default.LinksSnapshot);
        var recent = await console.Api.GetFromJsonAsync($"/api/links?since={Uri.EscapeDataString(FakeLinksFeed.T0.AddSeconds(100).ToString("O"))}", LinksFeedJson.Default.LinksSnapshot);

        Assert.Equal(["tgw", "privatelink"], all!.Relays.Select(r => r.Link));
        Assert.False(all.Relays.Single(r => r.Link == "privatelink").IsOn);
        Assert.Equal(3, all.Flows.Count);
        Assert.Single(recent!.Flows);
    }

    [Fact]
    public async Task WithoutAFeedThereAreNoRelaysAndAFeedDownIsA503NamingIt()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        Uri gone;
        await using (var feed = await FakeLinksFeed.StartAsync())
        {
            gone = feed.Url;
        }

        await using var none = await TestConsole.StartAsync(dashboard.Url);
        await using var down = await TestConsole.StartAsync(dashboard.Url, gone);

        var empty = await none.Api.GetFromJsonAsync("/api/links", LinksFeedJson.Default.LinksSnapshot);
        var (status, body, text) = await down.GetAsync("/api/links");
        var badSince = await none.GetAsync("/api/links?since=yesterday");

        Assert.Empty(empty!.Relays);
        Assert.True(status == 503, $"expected 503, got {status}: {text}");
        Assert.Contains(gone.GetLeftPart(UriPartial.Authority), (string?)body!["detail"], StringComparison.Ordinal);
        Assert.True(badSince.Status == 400 && badSince.Text.Contains("since='yesterday'", StringComparison.Ordinal), badSince.Text);
    }

    [Fact]
    public async Task APostedRunIsKeptNewestFirstAndServedBack()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);

        using var none = await console.Api.GetAsync(new Uri("/api/links/runs/latest", UriKind.Relative));
        using var first = await console.Api.PostAsync(new Uri("/api/links/runs", UriKind.Relative), Body(FakeLinksFeed.Run("r1")));
        using var second = await console.Api.PostAsync(new Uri("/api/links/runs", UriKind.Relative), Body(FakeLinksFeed.Run("r2")));
        var latest = await console.Api.GetFromJsonAsync("/api/links/runs/latest", LinkCompareJson.Default.CompareRun);
        var list = await console.Api.GetFromJsonAsync("/api/links/runs", LinkCompareJson.Default.IReadOnlyListCompareRun);
        var byId = await console.Api.GetFromJsonAsync("/api/links/runs/r1", LinkCompareJson.Default.CompareRun);
        var unknown = await console.GetAsync("/api/links/runs/r9");

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("r2", latest!.RunId);
        Assert.Equal(["r2", "r1"], list!.Select(r => r.RunId));
        Assert.Equal(12.5, byId!.Links[0].Latency.P50Ms);
        Assert.Contains("'r9'", (string?)unknown.Body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunBodyAboveTheLimitIsA413()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);

        using var response = await console.Api.PostAsync(new Uri("/api/links/runs", UriKind.Relative), new ByteArrayContent(new byte[LinksApi.MaxRunBytes + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task LiveHopsComeFromTheDashboardsSpanStream()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        var hops = new LabHops();
        dashboard.Add(hops.Request());
        await using var console = await TestConsole.StartAsync(dashboard.Url);

        IReadOnlyList<LiveLinkHops> live = [];
        using var hang = new CancellationTokenSource(TestConsole.Timeout * 3);
        while (live.Count < 2 && !hang.IsCancellationRequested)
        {
            live = JsonSerializer.Deserialize<List<LiveLinkHops>>(await console.Api.GetStringAsync(new Uri("/api/links/hops", UriKind.Relative)), JsonSerializerOptions.Web) ?? [];
            await Task.Delay(100);
        }

        Assert.True(live.Count == 2, $"expected hops over peering and privatelink, got {JsonSerializer.Serialize(live)}");
        Assert.Equal(["peering", "privatelink"], live.Select(l => l.Link));
        Assert.All(live, l => Assert.Equal(hops.XRayTraceId, l.SampleTraceId));
        Assert.InRange(live.Single(l => l.Link == "peering").Hops.Single().Latency.P50Ms, 19.9, 20.1);
    }

    private static StringContent Body(CompareRun run) =>
        new(JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun), Encoding.UTF8, "application/json");
}
