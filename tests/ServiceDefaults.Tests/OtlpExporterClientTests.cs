using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using OpenTelemetry.Trace;

namespace ServiceDefaults.Tests;

public class OtlpExporterClientTests
{
    [Fact]
    public async Task TheExporterSendsThroughItsNamedClientWhichHasNoResilienceHandler()
    {
        var seen = new ConcurrentQueue<HttpRequestMessage>();
        var builder = WebApplication.CreateBuilder(
        [
            "--Lab:Platform=aws_ec2",
            "--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9",
            "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
        ]);
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("OtlpTraceExporter").AddHttpMessageHandler(() => new Answering(seen));
        await using var app = builder.Build();
        var tracing = app.Services.GetRequiredService<TracerProvider>();

        using (var source = new ActivitySource(Extensions.TelemetryPrefix + "Tests"))
        using (var activity = source.StartActivity("exported"))
        {
            Assert.NotNull(activity);
        }

        Assert.True(tracing.ForceFlush(), "the export through the named client failed");
        Assert.Contains(seen, r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath == "/v1/traces");

        var handlers = app.Services.GetRequiredService<IHttpMessageHandlerFactory>();
        foreach (var name in Extensions.OtlpExporterClients)
        {
            Assert.DoesNotContain(Chain(handlers.CreateHandler(name)), h => h is ResilienceHandler);
        }

        Assert.Contains(Chain(handlers.CreateHandler("servicec")), h => h is ResilienceHandler);
    }

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? h = handler; h is not null; h = (h as DelegatingHandler)?.InnerHandler)
        {
            yield return h;
        }
    }

    /// <summary>Answers every export itself, as a collector that takes it would. The exporter sends synchronously.</summary>
    private sealed class Answering(ConcurrentQueue<HttpRequestMessage> seen) : DelegatingHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
