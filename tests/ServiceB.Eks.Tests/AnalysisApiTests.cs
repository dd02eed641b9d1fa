using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using TracingLab.Testing;

namespace ServiceB.Eks.Tests;

/// <summary>serviceb on the test host, calling a small real servicec stand-in on 127.0.0.1 over the peering link.</summary>
public sealed class AnalysisApiTests : IAsyncLifetime
{
    private LoopbackHost _servicec = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _servicec = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/inventory/{sku}", (string sku) => sku == "SKU-1"
                ? Results.Ok(new { sku, name = "mug", available = 10, reserved = 0, unitPrice = 12.5m })
                : Results.Problem("unknown", statusCode: 404));
            app.MapGet("/lab/echo", () => Results.Ok(new { service = "servicec", traceId = "t", remoteAddress = "127.0.0.1", link = (string?)null }));
        });
        var url = _servicec.Url.ToString();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) =>
            c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Lab:Links"] = "peering,tgw",
                ["services:servicec:peering:0"] = url,
                ["services:servicec:tgw:0"] = url,
            })));
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _servicec.DisposeAsync();
    }

    [Fact]
    public async Task OrderIsScoredFromServiceCStock()
    {
        using var response = await _client.PostAsJsonAsync("/analysis/orders", new { lines = new[] { new { sku = "SKU-1", quantity = 2 } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("accept", analysis.GetProperty("decision").GetString());
        Assert.Equal(25.0m, analysis.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task MoreThanIsInStockIsRejected()
    {
        var analysis = await (await _client.PostAsJsonAsync("/analysis/orders", new { lines = new[] { new { sku = "SKU-1", quantity = 11 } } }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("reject", analysis.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task UnknownSkuIsA404Problem()
    {
        using var response = await _client.PostAsJsonAsync("/analysis/orders", new { lines = new[] { new { sku = "SKU-9", quantity = 1 } } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("SKU-9", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvalidLinesNameEachFieldAndItsRange()
    {
        using var response = await _client.PostAsJsonAsync("/analysis/orders", new { lines = new object[] { new { sku = "", quantity = 0 } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("quantity is 0; allowed: 1 to 100.", errors.GetProperty("lines[0].quantity")[0].GetString());
        Assert.True(errors.TryGetProperty("lines[0].sku", out _));
    }

    [Fact]
    public async Task UnreachableServiceCIsABadGatewayProblem()
    {
        await _servicec.StopAsync();

        using var response = await _client.PostAsJsonAsync("/analysis/orders", new { lines = new[] { new { sku = "SKU-1", quantity = 1 } } });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("servicec unreachable over peering", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLinkInTheQueryIsUsedWithoutBaggage()
    {
        // No baggage header: as when OpenTelemetry is disabled in servicea; the query still names the link.
        using var response = await _client.GetAsync("/lab/hops?via=tgw");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hop = Assert.Single(body.RootElement.GetProperty("hops").EnumerateArray());
        Assert.Equal("tgw", hop.GetProperty("link").GetString());
    }

    [Fact]
    public async Task WithoutQueryOrBaggageTheFirstEnabledLinkIsUsed()
    {
        using var response = await _client.GetAsync("/lab/hops");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("peering", Assert.Single(body.RootElement.GetProperty("hops").EnumerateArray()).GetProperty("link").GetString());
    }
}
