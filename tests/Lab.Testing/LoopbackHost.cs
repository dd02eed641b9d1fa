using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TracingLab.Testing;

/// <summary>A small real web host on 127.0.0.1 and an ephemeral port, standing in for a service a test calls.</summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    private LoopbackHost(WebApplication app, Uri url)
    {
        App = app;
        Url = url;
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>Its base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Url { get; }

    /// <summary>Starts a host whose endpoints <paramref name="map"/> defines.</summary>
    public static async Task<LoopbackHost> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackHost(app, new Uri(address));
    }

    /// <summary>Stops it, so calls to it are refused.</summary>
    public Task StopAsync() => App.StopAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => App.DisposeAsync();
}
