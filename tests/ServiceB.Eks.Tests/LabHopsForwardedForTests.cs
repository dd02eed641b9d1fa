using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using TracingLab.Testing;

namespace ServiceB.Eks.Tests;

/// <summary>serviceb's part of /lab/hops: what it saw of x-forwarded-for, and what servicec saw on its hop.</summary>
public sealed class LabHopsForwardedForTests : IAsyncLifetime
{
    private LoopbackHost _servicec = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _servicec = await LoopbackHost.StartAsync(app => app.MapGet("/lab/echo", () => Results.Ok(
            new { service = "servicec", traceId = "t", remoteAddress = "127.0.171.3", forwardedFor = "127.0.0.1", link = "lattice" })));
        var url = _servicec.Url.ToString();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) =>
            c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Lab:Links"] = "lattice,peering",
                ["services:servicec:lattice:0"] = url,
                ["services:servicec:peering:0"] = url,
            })));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _servicec.DisposeAsync();
    }

    [Fact]
    public async Task ServicebReportsTheForwardedForItSawAndServicecs()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/lab/hops?via=lattice");
        request.Headers.Add("x-forwarded-for", "127.0.0.1");

        using var response = await client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", body.RootElement.GetProperty("seen").GetProperty("forwardedFor").GetString());
        var hop = Assert.Single(body.RootElement.GetProperty("hops").EnumerateArray());
        Assert.Equal(("127.0.171.3", "127.0.0.1"), (hop.GetProperty("remoteAddress").GetString(), hop.GetProperty("forwardedFor").GetString()));
    }

    [Fact]
    public async Task WithoutAnHttpHopInBetweenForwardedForIsNull()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/lab/hops?via=peering");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("seen").GetProperty("forwardedFor").ValueKind);
    }
}
