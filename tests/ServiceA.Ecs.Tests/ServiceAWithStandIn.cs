using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using TracingLab.Testing;

namespace ServiceA.Ecs.Tests;

/// <summary>
/// servicea on the test host, with one real stand-in on 127.0.0.1 that answers as serviceb and servicec over every
/// link given; disposing stops both.
/// </summary>
internal sealed class ServiceAWithStandIn : IAsyncDisposable
{
    private readonly LoopbackHost _downstream;
    private readonly WebApplicationFactory<Program> _factory;

    private ServiceAWithStandIn(LoopbackHost downstream, WebApplicationFactory<Program> factory)
    {
        _downstream = downstream;
        _factory = factory;
        Client = factory.CreateClient();
    }

    /// <summary>A client of servicea.</summary>
    public HttpClient Client { get; }

    public static async Task<ServiceAWithStandIn> StartAsync(Action<WebApplication> standIn, params string[] links)
    {
        var downstream = await LoopbackHost.StartAsync(standIn);
        var url = downstream.Url.ToString();
        var settings = new Dictionary<string, string?> { ["Lab:Links"] = string.Join(',', links) };
        foreach (var link in links)
        {
            settings[$"services:serviceb:{link}:0"] = url;
            settings[$"services:servicec:{link}:0"] = url;
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings)));
        return new ServiceAWithStandIn(downstream, factory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await _downstream.DisposeAsync();
    }
}
