using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lab.EndToEndTests;

[Collection("lab")]
public sealed class LabTraceTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private static readonly Regex XRayId = new("^1-[0-9a-f]{8}-[0-9a-f]{24}$");

    [Theory]
    [InlineData("tgw")]
    [InlineData("peering")]
    [InlineData("privatelink")]
    public async Task OneTraceIdSpansEveryHopOverEachLink(string link)
    {
        var report = await HopsAsync($"/lab/hops?via={link}");

        var traceId = report.GetProperty("traceId").GetString()!;
        Assert.Matches(XRayId, traceId);
        var epoch = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(traceId[2..10], 16));
        Assert.InRange((DateTimeOffset.UtcNow - epoch).TotalSeconds, -5, 60);
        Assert.Equal(link, report.GetProperty("link").GetString());
        var hops = report.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal(
            ["servicea→serviceb", "serviceb→servicec", "servicea→servicec"],
            hops.Select(h => $"{h.GetProperty("from").GetString()}→{h.GetProperty("to").GetString()}"));
        Assert.All(hops, h =>
        {
            Assert.Equal(traceId, h.GetProperty("traceId").GetString());
            Assert.Equal(link, h.GetProperty("link").GetString());
            Assert.Equal(200, h.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(h.GetProperty("remoteAddress").GetString()));
        });
    }

    [Fact]
    public async Task RootOnlyXRayHeaderIsCarriedByEveryHop()
    {
        var root = $"1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24]}";

        var report = await HopsAsync("/lab/hops", ("X-Amzn-Trace-Id", $"Root={root}"));

        Assert.Equal(root, report.GetProperty("traceId").GetString());
        Assert.All(report.GetProperty("hops").EnumerateArray(), h => Assert.Equal(root, h.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task UnknownLinkIsRefusedWithTheEnabledLinks()
    {
        using var response = await fixture.Http.GetAsync(new Uri(fixture.Lab.Services["servicea"], "/lab/hops?via=vpn"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("enabled links: tgw, peering, privatelink", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DashboardHoldsTheTraceWithSpansFromAllThreeServices()
    {
        var traceId = (await HopsAsync("/lab/hops?via=peering")).GetProperty("traceId").GetString()!;
        var seen = new HashSet<string>();
        var url = new Uri(fixture.Lab.DashboardUrl, $"/api/telemetry/traces/{traceId}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (seen.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            using var response = await fixture.Http.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync();
                foreach (var name in new[] { "servicea", "serviceb", "servicec" }.Where(n => body.Contains($"\"stringValue\":\"{n}\"")))
                {
                    seen.Add(name);
                }
            }
        }

        Assert.True(seen.SetEquals(["servicea", "serviceb", "servicec"]), $"trace {traceId} had spans from: {string.Join(", ", seen)}");
    }

    [Fact]
    public async Task DashboardListsTheThreeServicesAsHealthy()
    {
        var resources = await fixture.ResourcesAsync(fixture.Lab);

        Assert.Equal(
            ["servicea", "serviceb", "servicec"],
            resources.Select(r => r.GetProperty("name").GetString()).Order());
        Assert.All(resources, r => Assert.Equal("Healthy", r.GetProperty("health").GetString()));
    }

    [Fact]
    public async Task OrdersFlowThroughAllThreeServicesAndBadInputIsNamed()
    {
        var a = fixture.Lab.Services["servicea"];
        using var created = await fixture.Http.PostAsJsonAsync(new Uri(a, "/orders?via=tgw"), new { lines = new[] { new { sku = "SKU-1002", quantity = 3 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var fetched = await fixture.Http.GetAsync(new Uri(a, $"/orders/{order.GetProperty("id").GetString()}"));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);

        using var unknown = await fixture.Http.PostAsJsonAsync(new Uri(a, "/orders"), new { lines = new[] { new { sku = "SKU-0", quantity = 1 } } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var invalid = await fixture.Http.PostAsJsonAsync(new Uri(a, "/orders"), new { lines = new[] { new { sku = "SKU-1001", quantity = 500 } } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("quantity is 500; allowed: 1 to 100.", await invalid.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> HopsAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Lab.Services["servicea"], path));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await fixture.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {body}\nAppHost output:\n{fixture.Lab.Output}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
