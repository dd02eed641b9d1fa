using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.LabConsole.Tests.Support;

/// <summary>
/// The Aspire dashboard's telemetry API as the console uses it, on 127.0.0.1 and an ephemeral port: traces by W3C id
/// (the X-Ray form is a 404, as in Aspire 13.6), the trace list, and the NDJSON span stream, behind x-api-key; and
/// its OTLP/HTTP intake (<c>/v1/traces|logs|metrics</c>, behind x-otlp-api-key), which records every request as received.
/// </summary>
internal sealed class FakeAspireDashboard : IAsyncDisposable
{
    public const string ApiKey = "dashboard-key";

    public const string OtlpApiKey = "dashboard-otlp-key";

    /// <summary>One OTLP/HTTP request as the fake received it.</summary>
    public sealed record OtlpRequest(string Path, string? ContentType, string? ContentEncoding, byte[] Body);

    private readonly ConcurrentDictionary<string, ExportTraceServiceRequest> _traces = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private FakeAspireDashboard(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First());

    /// <summary>Paths the console asked for, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>OTLP requests that passed the key check, in order.</summary>
    public ConcurrentQueue<OtlpRequest> OtlpRequests { get; } = new();

    public static async Task<FakeAspireDashboard> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeAspireDashboard(app);
        app.Use((context, next) =>
        {
            fake.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            if (context.Request.Path.StartsWithSegments("/v1"))
            {
                return context.Request.Headers["x-otlp-api-key"] == OtlpApiKey ? next(context) : Unauthorized(context);
            }

            if (context.Request.Headers["x-api-key"] != ApiKey)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.MapGet("/api/telemetry/traces/{traceId}", (string traceId) => fake._traces.TryGetValue(traceId, out var trace)
            ? Results.Text(AspireShape.Answer(AspireShape.ResourceSpans(trace), trace.ResourceSpans.Sum(r => r.ScopeSpans.Sum(s => s.Spans.Count))), "application/json")
            : Results.Problem(statusCode: 404, title: "Trace not found", detail: $"No trace with ID '{traceId}' was found."));
        app.MapGet("/api/telemetry/traces", () =>
        {
            var all = new ExportTraceServiceRequest();
            foreach (var t in fake._traces.Values)
            {
                all.ResourceSpans.AddRange(t.ResourceSpans);
            }

            return Results.Text(AspireShape.Answer(AspireShape.ResourceSpans(all), fake._traces.Count), "application/json");
        });
        app.MapGet("/api/telemetry/spans", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/x-ndjson";
            foreach (var line in fake._traces.Values.SelectMany(OneSpanPerLine))
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
            }

            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            fake.OtlpRequests.Enqueue(new OtlpRequest(context.Request.Path, context.Request.ContentType, context.Request.Headers.ContentEncoding, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return fake;
    }

    private static Task Unauthorized(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public void Add(ExportTraceServiceRequest trace)
    {
        var id = Convert.ToHexStringLower(trace.ResourceSpans[0].ScopeSpans[0].Spans[0].TraceId.Span);
        _traces[id] = trace;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static IEnumerable<string> OneSpanPerLine(ExportTraceServiceRequest trace)
    {
        foreach (var rs in trace.ResourceSpans)
        {
            foreach (var span in rs.ScopeSpans.SelectMany(s => s.Spans))
            {
                var one = new ExportTraceServiceRequest();
                var copy = rs.Clone();
                copy.ScopeSpans.Clear();
                copy.ScopeSpans.Add(new Otlp.Trace.V1.ScopeSpans { Scope = rs.ScopeSpans[0].Scope, Spans = { span } });
                one.ResourceSpans.Add(copy);
                yield return AspireShape.ResourceSpans(one).ToJsonString();
            }
        }
    }
}
