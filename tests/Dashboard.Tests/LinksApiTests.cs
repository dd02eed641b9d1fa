using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TracingLab.Dashboard.Tests.Support;
using TracingLab.LinkCompare.Model;

namespace TracingLab.Dashboard.Tests;

public sealed class LinksApiTests
{
    [Fact]
    public async Task LinksListsTheRelaysAndFiltersFlowsBySince()
    {
        await using var dashboard = await TestDashboard.StartAsync(links: new FakeLinks());

        var all = await GetSnapshotAsync(dashboard, "/api/links");
        var later = await GetSnapshotAsync(dashboard, "/api/links?since=" + Uri.EscapeDataString(FakeLinks.T0.AddSeconds(100).ToString("O")));

        Assert.Equal(["tgw", "privatelink"], all.Relays.Select(r => r.Link));
        Assert.Equal("127.0.1.3", all.Relays[1].SourceAddress);
        Assert.Equal(3, all.Flows.Count);
        var only = Assert.Single(later.Flows);
        Assert.Equal(FakeLinks.T0.AddSeconds(120), only.End);
    }

    [Fact]
    public async Task ADashboardWithoutTheAppHostHasNoRelays()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        var snapshot = await GetSnapshotAsync(dashboard, "/api/links");

        Assert.Empty(snapshot.Relays);
        Assert.Empty(snapshot.Flows);
    }

    [Fact]
    public async Task ABadSinceIsA400NamingTheValue()
    {
        await using var dashboard = await TestDashboard.StartAsync(links: new FakeLinks());

        using var response = await dashboard.Api.GetAsync("/api/links?since=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("since='yesterday'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksNeedTheApiKey()
    {
        await using var dashboard = await TestDashboard.StartAsync(links: new FakeLinks());

        using var links = await dashboard.Ui.GetAsync("/api/links");
        using var runs = await dashboard.Ui.PostAsync("/api/links/runs", Body(FakeLinks.Run("r1")));

        Assert.Equal(HttpStatusCode.Unauthorized, links.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, runs.StatusCode);
    }

    [Fact]
    public async Task APostedRunIsKeptNewestFirstAndServedBack()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var none = await dashboard.Api.GetAsync("/api/links/runs/latest");
        using var first = await dashboard.Api.PostAsync("/api/links/runs", Body(FakeLinks.Run("r1")));
        using var second = await dashboard.Api.PostAsync("/api/links/runs", Body(FakeLinks.Run("r2")));
        var latest = await dashboard.Api.GetFromJsonAsync("/api/links/runs/latest", LinkCompareJson.Default.CompareRun);
        var list = await dashboard.Api.GetFromJsonAsync("/api/links/runs", LinkCompareJson.Default.IReadOnlyListCompareRun);
        var byId = await dashboard.Api.GetFromJsonAsync("/api/links/runs/r1", LinkCompareJson.Default.CompareRun);

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("r2", latest!.RunId);
        Assert.Equal(["r2", "r1"], list!.Select(r => r.RunId));
        Assert.Equal(12.5, byId!.Links[0].Latency.P50Ms);
    }

    [Fact]
    public async Task OnlyTheNewestTwentyRunsAreKept()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        for (var i = 0; i < 22; i++)
        {
            using var posted = await dashboard.Api.PostAsync("/api/links/runs", Body(FakeLinks.Run($"r{i}")));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        var list = await dashboard.Api.GetFromJsonAsync("/api/links/runs", LinkCompareJson.Default.IReadOnlyListCompareRun);
        Assert.Equal(20, list!.Count);
        Assert.Equal("r21", list[0].RunId);
        Assert.DoesNotContain(list, r => r.RunId is "r0" or "r1");
    }

    [Theory]
    [InlineData("{not json", "not a link-comparison run")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"runId":"x","links":"tgw"}""", "path $.links")]
    public async Task AMalformedRunIsA400ThatSaysWhy(string body, string expected)
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Api.PostAsync("/api/links/runs", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        using var latest = await dashboard.Api.GetAsync("/api/links/runs/latest");
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
    }

    [Fact]
    public async Task ARunBodyAboveTheLimitIsA413WithOrWithoutALength()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var tooBig = new byte[Links.LinksApi.MaxRunBytes + 1];

        using var declared = await dashboard.Api.PostAsync("/api/links/runs", new ByteArrayContent(tooBig));
        using var chunked = await dashboard.Api.PostAsync("/api/links/runs", new StreamContent(new MemoryStream(tooBig)) { Headers = { ContentLength = null } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains($"at most {Links.LinksApi.MaxRunBytes} are accepted", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains($"more than {Links.LinksApi.MaxRunBytes} bytes", await chunked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWithImpossibleFiguresIsRefusedFieldByField()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var run = FakeLinks.Run("bad") with { RatePerSecond = 0, Ended = FakeLinks.T0.AddSeconds(-1) };
        run = run with { Links = [run.Links[0] with { Succeeded = 9, Failed = 9 }, run.Links[0]] };

        using var response = await dashboard.Api.PostAsync("/api/links/runs", Body(run));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ratePerSecond is 0", text, StringComparison.Ordinal);
        Assert.Contains("is before started", text, StringComparison.Ordinal);
        Assert.Contains("succeeded=9, failed=9", text, StringComparison.Ordinal);
        Assert.Contains("names a link twice", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveHopsComeFromTheClientSpansOfEachLink()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = await LabTraffic.SendHopsTraceAsync(dashboard.Server.OtlpGrpcUrl);
        await Wait.UntilAsync(() => dashboard.Store.GetLinks().Count == 2, () => string.Join(",", dashboard.Store.GetLinks()));

        using var response = await dashboard.Api.GetAsync("/api/links/hops");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var byLink = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("link").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["peering", "tgw"], byLink.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["servicea->serviceb", "serviceb->servicec"],
            byLink["peering"].GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("hop").GetString()).Order(StringComparer.Ordinal));
        var tgwHop = Assert.Single(byLink["tgw"].GetProperty("hops").EnumerateArray());
        Assert.Equal("servicea->servicec", tgwHop.GetProperty("hop").GetString());
        Assert.Equal("trace", tgwHop.GetProperty("source").GetString());
        Assert.Equal(1, tgwHop.GetProperty("latency").GetProperty("count").GetInt64());
        Assert.NotEqual(traceId.ToHexString(), byLink["tgw"].GetProperty("sampleTraceId").GetString()); // X-Ray form, not hex
    }

    [Fact]
    public async Task ABadTraceLimitIsA400()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.Api.GetAsync("/api/links/hops?traces=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("traces='0'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<LinksSnapshot> GetSnapshotAsync(TestDashboard dashboard, string path)
    {
        using var response = await dashboard.Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(LinkCompareJson.Default.LinksSnapshot))!;
    }

    private static StringContent Body(CompareRun run) =>
        new(JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun), Encoding.UTF8, "application/json");
}
