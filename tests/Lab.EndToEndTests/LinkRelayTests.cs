using System.Net.Http.Json;
using System.Text.Json;

namespace Lab.EndToEndTests;

/// <summary>The AppHost's link relays, seen from the services and the dashboard of a real lab.</summary>
[Collection("lab")]
public sealed class LinkRelayTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OverPrivateLinkEveryCalleeSeesItsNlbAddressNotTheCallers()
    {
        var hops = await HopsAsync("privatelink");

        Assert.Equal(
            [("servicea→serviceb", "127.0.1.2"), ("serviceb→servicec", "127.0.1.3"), ("servicea→servicec", "127.0.1.3")],
            hops.Select(h => ($"{h.GetProperty("from").GetString()}→{h.GetProperty("to").GetString()}", h.GetProperty("remoteAddress").GetString())));
    }

    [Theory]
    [InlineData("peering")]
    [InlineData("tgw")]
    public async Task OverPeeringAndTgwEveryCalleeSeesTheCallersOwnAddress(string link)
    {
        var hops = await HopsAsync(link);

        Assert.All(hops, h => Assert.Equal(("127.0.0.1", 200), (h.GetProperty("remoteAddress").GetString(), h.GetProperty("status").GetInt32())));
    }

    [Fact]
    public async Task TheDashboardListsNineRelaysAndTheirFlowRecords()
    {
        await HopsAsync("privatelink");

        var links = await fixture.Http.GetFromJsonAsync<JsonElement>(new Uri(fixture.Lab.DashboardUrl, "/api/links")).WaitAsync(Timeout);

        var relays = links.GetProperty("relays").EnumerateArray().ToList();
        Assert.Equal(9, relays.Count);
        Assert.Equal(
            ["peering:2", "privatelink:4", "tgw:5"],
            relays.Select(r => $"{r.GetProperty("link").GetString()}:{r.GetProperty("path").GetArrayLength()}").Distinct().Order());
        var flows = links.GetProperty("flows").EnumerateArray().ToList();
        Assert.Contains(flows, f => f.GetProperty("link").GetString() == "privatelink" && f.GetProperty("srcAddr").GetString() == "127.0.1.2"
            && f.GetProperty("bytes").GetInt64() > 0);
    }

    private async Task<List<JsonElement>> HopsAsync(string link)
    {
        using var response = await fixture.Http.GetAsync(new Uri(fixture.Lab.Services["servicea"], $"/lab/hops?via={link}")).WaitAsync(Timeout);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/lab/hops?via={link} answered {(int)response.StatusCode}: {body}");
        var hops = JsonDocument.Parse(body).RootElement.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal(3, hops.Count);
        return hops;
    }
}
