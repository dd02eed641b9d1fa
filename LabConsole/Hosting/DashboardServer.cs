using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TracingLab.Dashboard;

/// <summary>
/// The dashboard as a hostable object: one WebApplication with three Kestrel listeners (UI + API, OTLP gRPC,
/// OTLP HTTP). The AppHost starts it in-process; Program.cs starts it standalone.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri ui, Uri grpc, Uri http, string token, string apiKey)
    {
        _app = app;
        UiUrl = ui;
        OtlpGrpcUrl = grpc;
        OtlpHttpUrl = http;
        BrowserToken = token;
        ApiKey = apiKey;
    }

    public Uri UiUrl { get; }

    public Uri OtlpGrpcUrl { get; }

    public Uri OtlpHttpUrl { get; }

    public string BrowserToken { get; }

    public string ApiKey { get; }

    /// <summary>Opening this URL in a browser logs in.</summary>
    public Uri LoginUrl => new(UiUrl, "/login?t=" + Uri.EscapeDataString(BrowserToken));

    /// <summary>The running application's services (the telemetry store, among others) for hosts and tests.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<DashboardServer> StartAsync(
        DashboardOptions options, IResourceSource? resources = null, ILinkSource? links = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        DashboardOptionsValidator.ThrowIfInvalid(options);
        var effective = Hosting.DashboardSecrets.Complete(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        var listeners = new Dictionary<Hosting.ListenerKind, ListenOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, effective.UiUrl, Hosting.ListenerKind.Ui, HttpProtocols.Http1, listeners);
            Listen(kestrel, effective.OtlpGrpcUrl, Hosting.ListenerKind.OtlpGrpc, HttpProtocols.Http2, listeners);
            Listen(kestrel, effective.OtlpHttpUrl, Hosting.ListenerKind.OtlpHttp, HttpProtocols.Http1, listeners);
            // A hard ceiling only: the intakes enforce MaxOtlpMessageBytes themselves, with the OTLP answers
            // (413, ResourceExhausted); hitting Kestrel's limit instead would reset the stream.
            // Without TLS there is no ALPN, so HTTP/2 is only possible with prior knowledge on an HTTP/2-only
            // listener: gRPC gets one, OTLP/HTTP and the UI speak HTTP/1.1.
            kestrel.Limits.MaxRequestBodySize = Math.Max(32L * 1024 * 1024, 4L * effective.MaxOtlpMessageBytes);
        });
        builder.AddDashboard(effective, resources, links);

        var app = builder.Build();
        app.MapDashboard();
        await app.StartAsync(ct).ConfigureAwait(false);

        return new DashboardServer(
            app,
            BoundUri(listeners[Hosting.ListenerKind.Ui]),
            BoundUri(listeners[Hosting.ListenerKind.OtlpGrpc]),
            BoundUri(listeners[Hosting.ListenerKind.OtlpHttp]),
            effective.BrowserToken!,
            effective.ApiKey!);
    }

    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Listen(
        KestrelServerOptions kestrel, string url, Hosting.ListenerKind kind, HttpProtocols protocols,
        Dictionary<Hosting.ListenerKind, ListenOptions> listeners)
    {
        var uri = new Uri(url);
        var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
        kestrel.Listen(address, uri.Port, listen =>
        {
            listen.Protocols = protocols;
            Hosting.ListenerGate.Tag(listen, kind);
            listeners[kind] = listen;
        });
    }

    // Kestrel replaces ListenOptions.IPEndPoint with the bound endpoint, so port 0 reads back as the real port.
    private static Uri BoundUri(ListenOptions listen) =>
        new("http://" + listen.IPEndPoint!);
}
