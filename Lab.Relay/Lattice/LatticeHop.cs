using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace TracingLab.Relay.Lattice;

/// <summary>
/// The lattice link's HTTP hop: a small Kestrel server on 127.0.0.1 and an ephemeral port that terminates the caller's
/// HTTP, rewrites the headers as VPC Lattice does (<see cref="LatticeTransformer"/>) and forwards each request with
/// YARP's <see cref="IHttpForwarder"/> through its <see cref="TcpRelay"/>, which connects to the callee from Lattice's
/// address and carries the link's delay, faults and flow records. So a fault between Lattice and the target reaches the
/// caller as Lattice turns it into HTTP: a 502 for a reset or a refused connection, a 504 once the forwarder gives up.
/// </summary>
public sealed partial class LatticeHop : IAsyncDisposable
{
    // To targets Lattice speaks the target group's protocol version, HTTP/1.1 unless set otherwise (CreateTargetGroup's
    // protocolVersion defaults to HTTP1: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_TargetGroupConfig.html).
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _client;

    private LatticeHop(TcpRelay relay, WebApplication app, HttpMessageInvoker client, IPEndPoint listen)
    {
        Relay = relay;
        _app = app;
        _client = client;
        ListenEndPoint = listen;
    }

    /// <summary>The relay behind the hop: Lattice → callee.</summary>
    public TcpRelay Relay { get; }

    /// <summary>Where callers connect.</summary>
    public IPEndPoint ListenEndPoint { get; }

    /// <summary>Starts a hop in front of <paramref name="relay"/>, logging forwarding failures to <paramref name="log"/>.</summary>
    public static async Task<LatticeHop> StartAsync(TcpRelay relay, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(relay);
        log ??= NullLogger.Instance;

        // No configuration sources: the AppHost's own ASPNETCORE_* settings must not reach this server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddHttpForwarder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                // Switched off: a new connection is dropped, as when the VPC's service-network association is gone.
                listen.Use(next => connection =>
                {
                    if (!relay.IsOn)
                    {
                        connection.Abort();
                        return Task.CompletedTask;
                    }

                    return next(connection);
                });
            });
        });

        // Lattice keeps its own connections to the targets, pooled and kept alive; ActivityHeadersPropagator = null
        // keeps the trace headers the caller sent (no span of the AppHost's becomes the callee's parent).
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        });

        var app = builder.Build();
        var transformer = new LatticeTransformer(relay.Spec);
        var destination = $"http://{relay.ListenEndPoint}";
        app.Run(async context =>
        {
            if (!relay.IsOn)
            {
                // A pooled keep-alive connection from before the switch-off: reset it like a new one.
                context.Abort();
                return;
            }

            var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
            var error = await forwarder.SendAsync(context, destination, client, RequestConfig, transformer).ConfigureAwait(false);
            if (error != ForwarderError.None)
            {
                var failure = context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? "no detail";
                LogForwardFailed(log, relay.Spec.Consumer, relay.Spec.Provider, error, context.Response.StatusCode, failure);
            }
        });

        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        var hop = new LatticeHop(relay, app, client, new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port));
        relay.FrontedBy(hop.ListenEndPoint);
        return hop;
    }

    /// <summary>Stops listening, then the relay behind.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
        await Relay.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Consumer} → {Provider}: Lattice answered {Status} ({Error}: {Failure})")]
    private static partial void LogForwardFailed(ILogger logger, string consumer, string provider, ForwarderError error, int status, string failure);
}
