using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceA.Ecs.Tests;

/// <summary>servicea's /lab/hops when serviceb answers 502 because servicec is down, as serviceb really answers.</summary>
public sealed class LabHopsFailureTests : IAsyncLifetime
{
    private ServiceAWithStandIn _servicea = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _servicea = await ServiceAWithStandIn.StartAsync(
            app =>
            {
                app.MapGet("/lab/hops", () => Results.Problem(
                    "servicec unreachable over peering: Connection refused", statusCode: 502, title: "servicec failed",
                    extensions: new Dictionary<string, object?>
                    {
                        ["seen"] = new { service = "serviceb", traceId = "1-6b036a5f-6a6cfcdc8632600abd17cdde", remoteAddress = "127.0.1.2", link = "peering" },
                        ["hops"] = new[]
                        {
                            new { from = "serviceb", to = "servicec", link = "peering", remoteAddress = (string?)null, traceId = (string?)null, status = 502, elapsedMs = 1.5, error = "servicec unreachable over peering: Connection refused" },
                        },
                    }));
                app.MapGet("/lab/echo", () => Results.Ok(new { service = "servicec", traceId = "t", remoteAddress = "127.0.0.1", link = "peering" }));
            },
            "peering");
        _client = _servicea.Client;
    }

    public async Task DisposeAsync() => await _servicea.DisposeAsync();

    [Fact]
    public async Task A502FromServicebKeepsWhatServicebSawAndItsFailedHop()
    {
        using var response = await _client.GetAsync("/lab/hops?via=peering");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hops = body.RootElement.GetProperty("hops").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(
            ["servicea→serviceb 502", "serviceb→servicec 502", "servicea→servicec 200"],
            hops.Select(h => $"{h.GetProperty("from").GetString()}→{h.GetProperty("to").GetString()} {h.GetProperty("status").GetInt32()}"));
        Assert.Equal("127.0.1.2", hops[0].GetProperty("remoteAddress").GetString());
        Assert.Contains("Connection refused", hops[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("serviceb→servicec", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
