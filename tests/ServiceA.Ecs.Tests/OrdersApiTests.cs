using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceA.Ecs.Tests;

/// <summary>servicea on the test host; one real stand-in on 127.0.0.1 answers as serviceb and servicec over tgw and peering.</summary>
public sealed class OrdersApiTests : IAsyncLifetime
{
    private ServiceAWithStandIn _servicea = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _servicea = await ServiceAWithStandIn.StartAsync(
            app =>
            {
                app.MapPost("/analysis/orders", () => Results.Ok(new { score = 10, decision = "accept", total = 25m }));
                app.MapPost("/inventory/{sku}/reservations", (string sku) =>
                    Results.Created("/r/1", new { id = "r1", sku, quantity = 2, orderId = "x", createdAt = DateTimeOffset.UtcNow }));
                app.MapGet("/lab/echo", () => Results.Ok(new { service = "servicec", traceId = "t", remoteAddress = "127.0.0.1", link = "tgw" }));
            },
            "tgw",
            "peering");
        _client = _servicea.Client;
    }

    public async Task DisposeAsync() => await _servicea.DisposeAsync();

    [Fact]
    public async Task PlacedOrderCanBeReadBack()
    {
        using var created = await _client.PostAsJsonAsync("/orders?via=peering", new { lines = new[] { new { sku = "SKU-1", quantity = 2 } } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("peering", order.GetProperty("link").GetString());
        Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", order.GetProperty("traceId").GetString());
        var read = await _client.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal(order.GetProperty("id").GetString(), read.GetProperty("id").GetString());
    }

    [Fact]
    public async Task UnknownOrderIsA404Problem()
    {
        using var response = await _client.GetAsync("/orders/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No order has id 'nope'.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DisabledLinkIsA400ListingTheEnabledLinks()
    {
        using var response = await _client.GetAsync("/lab/hops?via=privatelink");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'privatelink' is not enabled for serviceb; enabled links: tgw, peering.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvalidQuantityIsA400NamingTheFieldAndRange()
    {
        using var response = await _client.PostAsJsonAsync("/orders", new { lines = new[] { new { sku = "SKU-1", quantity = 1000 } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("quantity is 1000; allowed: 1 to 100.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EmptyOrderIsA400()
    {
        using var response = await _client.PostAsJsonAsync("/orders", new { lines = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lines has 0 entries; allowed: 1 to 20.", await response.Content.ReadAsStringAsync());
    }
}
