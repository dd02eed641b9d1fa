using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.ServiceDefaults.Telemetry;
using TracingLab.Testing;

namespace ServiceDefaults.Tests;

/// <summary>
/// A real service built with AddServiceDefaults on 127.0.0.1 calls a plain recorder over a named link, so what crosses
/// the wire (traceparent, X-Amzn-Trace-Id, baggage) and the spans it makes are asserted as a user would see them.
/// </summary>
public sealed class ServiceDefaultsHostTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<Dictionary<string, string>> _received = new();
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private LoopbackHost _recorder = null!;
    private WebApplication _service = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _recorder = await LoopbackHost.StartAsync(app => app.MapGet("/record", (HttpContext context) =>
        {
            _received.Enqueue(context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
            return Results.Ok(new EchoReport("recorder", "n/a", "127.0.0.1", null, null));
        }));
        var recorderUrl = _recorder.Url.ToString();

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lab:Platform"] = "aws_ecs",
            ["OTEL_SERVICE_NAME"] = "servicea",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=abc12345",
            ["services:recorder:peering:0"] = recorderUrl,
            ["services:recorder:tgw:0"] = recorderUrl,
        });
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
        builder.Services.AddHttpClient("recorder").WithLabTimeouts(downstreamDepth: 0);
        _service = builder.Build();
        _service.MapDefaultEndpoints();
        _service.MapGet("/call", async (string? via, IHttpClientFactory factory, LabLinkResolver links, CancellationToken ct) =>
        {
            var result = await LabCall.SendAsync<EchoReport>(
                factory.CreateClient("recorder"), "servicea", "recorder", links.Choose("recorder", via), HttpMethod.Get, "/record", null, ct);
            return Results.Json(new { result.Status, result.Error });
        });
        await _service.StartAsync();
        var serviceUrl = _service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(serviceUrl), Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
        await _recorder.DisposeAsync();
    }

    [Fact]
    public async Task XRayHeaderIsContinuedDownstreamWithSelfLineageAndOneTraceparent()
    {
        var status = await RawHttp.GetAsync(new Uri(_client.BaseAddress!, "/call?via=peering"), new Dictionary<string, string>
        {
            ["X-Amzn-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=1-5759e988-0123456789abcdef01234567;Lineage=a87bd80c:1",
        });

        Assert.Equal(200, status);
        var headers = Assert.Single(_received);
        Assert.Matches("^00-5759e988bd862e3fe1be46a994272793-[0-9a-f]{16}-01$", headers["traceparent"]);
        var xray = headers["x-amzn-trace-id"];
        Assert.StartsWith("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=", xray);
        Assert.EndsWith(";Sampled=1;Self=1-5759e988-0123456789abcdef01234567;Lineage=a87bd80c:1", xray);
        Assert.Contains("lab.link=peering", headers["baggage"]);
    }

    [Fact]
    public async Task RootOnlyHeaderIsContinuedNotReplaced()
    {
        var root = XRayTraceId.From(XRayTraceIdGenerator.NewId()).ToXRay();
        var status = await RawHttp.GetAsync(new Uri(_client.BaseAddress!, "/call"), new Dictionary<string, string> { ["X-Amzn-Trace-Id"] = "Root=" + root });

        Assert.Equal(200, status);
        var headers = Assert.Single(_received);
        Assert.StartsWith($"Root={root};Parent=", headers["x-amzn-trace-id"]);
    }

    [Fact]
    public async Task MalformedXRayHeaderStartsAFreshTraceWithoutError()
    {
        var status = await RawHttp.GetAsync(
            new Uri(_client.BaseAddress!, "/call"), new Dictionary<string, string> { ["X-Amzn-Trace-Id"] = "Root=1-nothex;Parent=;;;Sampled=maybe" });

        Assert.Equal(200, status);
        var traceparent = Assert.Single(_received)["traceparent"];
        var traceId = ActivityTraceId.CreateFromString(traceparent.AsSpan(3, 32));
        Assert.InRange((DateTimeOffset.UtcNow - XRayTraceId.From(traceId).Timestamp).TotalSeconds, 0, 60);
    }

    [Fact]
    public async Task ClientSpanNamesLinkHopAndPeerServiceAndHealthIsNotTraced()
    {
        using (await _client.GetAsync("/health"))
        using (await _client.GetAsync("/alive"))
        using (var response = await _client.GetAsync("/call?via=tgw"))
        {
            response.EnsureSuccessStatusCode();
        }

        _service.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var spans = Snapshot();
        Assert.DoesNotContain(spans, s => s.GetTagItem("url.path") is "/health" or "/alive");
        var client = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.GetTagItem("lab.hop") is not null);
        Assert.Equal("tgw", client.GetTagItem("lab.link"));
        Assert.Equal("recorder", client.GetTagItem("peer.service"));
        Assert.Equal("servicea→recorder", client.GetTagItem("lab.hop"));
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") is "/call");
        Assert.Equal(server.SpanId, client.ParentSpanId);
    }

    [Fact]
    public async Task RequestDurationsAreMeasuredAndUnreadPerRequestInstrumentsAreNot()
    {
        using (var response = await _client.GetAsync("/call?via=peering"))
        {
            response.EnsureSuccessStatusCode();
        }

        // The server's duration is recorded once its answer has gone out, so it may land just after the client saw it.
        var meters = _service.Services.GetRequiredService<MeterProvider>();
        var names = new HashSet<string>();
        for (var attempt = 0; attempt < 100 && !names.Contains("http.server.request.duration"); attempt++)
        {
            meters.ForceFlush();
            lock (_metrics)
            {
                names.UnionWith(_metrics.Select(m => m.Name));
            }

            await Task.Delay(50);
        }

        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("http.client.request.duration", names);
        Assert.All(Extensions.DroppedInstruments, dropped => Assert.DoesNotContain(dropped, names));
    }

    [Fact]
    public void ResourceCarriesServiceInstancePlatformAndEnvironment()
    {
        var resource = _service.Services.GetRequiredService<TracerProvider>().GetResource();
        var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value?.ToString());

        Assert.Equal("servicea", attributes["service.name"]);
        Assert.Equal("abc12345", attributes["service.instance.id"]);
        Assert.Equal("aws", attributes["cloud.provider"]);
        Assert.Equal("aws_ecs", attributes["cloud.platform"]);
        Assert.Equal("production", attributes["deployment.environment"]);
    }

    [Fact]
    public async Task UnknownLinkIsRefusedWithTheEnabledLinks()
    {
        var links = _service.Services.GetRequiredService<LabLinkResolver>();

        var choice = links.Choose("recorder", "privatelink");

        Assert.False(choice.IsAccepted);
        Assert.Equal("'privatelink' is not enabled for recorder; enabled links: tgw, peering.", choice.Error);
        Assert.Equal(new Uri("http://_peering.recorder"), links.Choose("recorder", "peering").BaseAddress);
        Assert.Equal("tgw", links.Choose("recorder", null).Link);
        await Task.CompletedTask;
    }

    private List<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }
}
