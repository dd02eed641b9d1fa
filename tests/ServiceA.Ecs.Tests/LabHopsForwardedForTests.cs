using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ServiceA.Ecs.Tests;

/// <summary>servicea's /lab/hops over lattice: each hop gives the x-forwarded-for its callee saw beside the socket's address.</summary>
public sealed class LabHopsForwardedForTests : IAsyncLifetime
{
    private ServiceAWithStandIn _servicea = null!;

    public async Task InitializeAsync() =>
        _servicea = await ServiceAWithStandIn.StartAsync(
            app =>
            {
                app.MapGet("/lab/hops", () => Results.Ok(new
                {
                    seen = new { service = "serviceb", traceId = "t", remoteAddress = "127.0.171.2", forwardedFor = "127.0.0.1", link = "lattice" },
                    hops = new[]
                    {
                        new { from = "serviceb", to = "servicec", link = "lattice", remoteAddress = "127.0.171.3", forwardedFor = "127.0.0.1", traceId = "t", status = 200, elapsedMs = 1.5 },
                    },
                }));
                // The callee's own /lab/echo reads the header: the stand-in plays a servicec reached through lattice.
                app.MapGet("/lab/echo", (HttpContext context) => Results.Ok(new
                {
                    service = "servicec", traceId = "t", remoteAddress = "127.0.171.3",
                    forwardedFor = context.Request.Headers["x-forwarded-for"].ToString() is { Length: > 0 } f ? f : "127.0.0.1", link = "lattice",
                }));
            },
            "lattice");

    public async Task DisposeAsync() => await _servicea.DisposeAsync();

    [Fact]
    public async Task EveryHopCarriesTheForwardedForItsCalleeSawNextToItsRemoteAddress()
    {
        using var response = await _servicea.Client.GetAsync("/lab/hops?via=lattice");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hops = body.RootElement.GetProperty("hops").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["servicea→serviceb 127.0.171.2 xff 127.0.0.1", "serviceb→servicec 127.0.171.3 xff 127.0.0.1", "servicea→servicec 127.0.171.3 xff 127.0.0.1"],
            hops.Select(h => $"{h.GetProperty("from").GetString()}→{h.GetProperty("to").GetString()} {h.GetProperty("remoteAddress").GetString()} xff {h.GetProperty("forwardedFor").GetString()}"));
        // Next to remoteAddress in the answer, as a reader scans it.
        Assert.Equal(["from", "to", "link", "remoteAddress", "forwardedFor"], hops[0].EnumerateObject().Take(5).Select(p => p.Name));
    }
}
