using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ServiceC.Ec2.Tests;

public sealed class InventoryApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task KnownSkuReturnsItsStock()
    {
        var stock = await _client.GetFromJsonAsync<JsonElement>("/inventory/SKU-1003");

        Assert.Equal("SKU-1003", stock.GetProperty("sku").GetString());
        Assert.True(stock.GetProperty("available").GetInt32() > 0);
    }

    [Fact]
    public async Task UnknownSkuIsA404Problem()
    {
        using var response = await _client.GetAsync("/inventory/SKU-404");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SKU-404", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReservationHoldsStock()
    {
        var before = await _client.GetFromJsonAsync<JsonElement>("/inventory/SKU-1004");

        using var response = await _client.PostAsJsonAsync("/inventory/SKU-1004/reservations", new { quantity = 5, orderId = "o1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await _client.GetFromJsonAsync<JsonElement>("/inventory/SKU-1004");
        Assert.Equal(before.GetProperty("available").GetInt32() - 5, after.GetProperty("available").GetInt32());
        Assert.Equal(before.GetProperty("reserved").GetInt32() + 5, after.GetProperty("reserved").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(101)]
    public async Task QuantityOutsideItsRangeIsA400NamingTheFieldAndRange(int quantity)
    {
        using var response = await _client.PostAsJsonAsync("/inventory/SKU-1001/reservations", new { quantity });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"quantity is {quantity}; allowed: 1 to 100.", problem.GetProperty("errors").GetProperty("quantity")[0].GetString());
    }

    [Fact]
    public async Task ShortStockIsAConflict()
    {
        using var response = await _client.PostAsJsonAsync("/inventory/SKU-1006/reservations", new { quantity = 50 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("50 requested", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WronglyTypedJsonIsA400NamingThePath()
    {
        using var content = new StringContent("""{"quantity":"lots"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/inventory/SKU-1001/reservations", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.quantity", await response.Content.ReadAsStringAsync());
    }
}
