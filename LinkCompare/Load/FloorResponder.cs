using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TracingLab.LinkCompare.Load;

/// <summary>
/// A bare Kestrel responder on 127.0.0.1 (ephemeral port) that does no work: the floor a hop is measured against. It
/// answers <c>/lab/hops</c> with a fixed hops report (the floor of a compare run, called interleaved with the links, and
/// the target of <c>--self-bench</c>) and <c>/lab/echo</c> as servicec does (the floor of the hop-floor benchmark).
/// </summary>
public sealed class FloorResponder : IAsyncDisposable
{
    /// <summary>The floor's name among the scheduler's links.</summary>
    public const string Link = "floor";

    private const string HopsAnswer =
        """{"traceId":"1-00000000-000000000000000000000000","link":"peering","hops":[{"from":"servicea","to":"serviceb","link":"peering","remoteAddress":"127.0.0.1","traceId":null,"status":200,"elapsedMs":0.1,"error":null}]}""";

    private readonly WebApplication _app;

    private FloorResponder(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The responder's base URL.</summary>
    public Uri Url { get; }

    /// <summary>Starts the responder in this process.</summary>
    public static async Task<FloorResponder> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/lab/hops", () => Results.Text(HopsAnswer, "application/json"));
        app.MapGet("/lab/echo", (HttpContext context) => Results.Text(
            $$"""{"service":"{{Link}}","traceId":"none","remoteAddress":"{{context.Connection.RemoteIpAddress}}","link":"{{Link}}"}""", "application/json"));
        await app.StartAsync(ct).ConfigureAwait(false);
        return new FloorResponder(app, new Uri(app.Urls.First()));
    }

    /// <summary>Stops the responder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
