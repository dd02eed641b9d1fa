using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tests;

/// <summary>
/// A stand-in for the lab on 127.0.0.1:0: service A's <c>/lab/hops</c> (privatelink's callees see 127.0.0.2, lattice's 127.0.171.2 with the caller in forwardedFor), the Aspire
/// dashboard's trace API (W3C ids only) and the lab console's links and runs API. Records what was asked of it.
/// </summary>
internal sealed class FakeLab : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _traces = new(StringComparer.Ordinal);
    private int _next;

    private FakeLab(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public string[] EnabledLinks { get; init; } = ["tgw", "peering", "privatelink", "lattice"];

    public string? RequiredApiKey { get; init; }

    public ConcurrentBag<string> PostedRuns { get; } = [];

    public ConcurrentBag<string> LinksQueries { get; } = [];

    public int HopsRequests => Volatile.Read(ref _next);

    /// <summary>The windows the links feed lists (null: none, as an AppHost that keeps none).</summary>
    public IReadOnlyList<FaultWindow>? FaultWindows { get; set; }

    /// <summary>The faults the privatelink relay reports active.</summary>
    public IReadOnlyList<ActiveFault>? PrivateLinkFaults { get; set; }

    public static async Task<FakeLab> StartAsync(string[]? enabled = null, string? apiKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var lab = new FakeLab(app) { EnabledLinks = enabled ?? ["tgw", "peering", "privatelink", "lattice"], RequiredApiKey = apiKey };
        app.MapGet("/lab/hops", (string? via) => lab.Hops(via));
        app.MapGet("/api/telemetry/traces/{id}", (HttpContext context, string id) =>
            !lab.Authorized(context) ? Results.Unauthorized()
            : lab._traces.TryGetValue(id, out var link) ? Results.Text(Trace(link), "application/json") : Results.NotFound());
        app.MapGet("/api/links", (HttpContext context, string? since) =>
        {
            lab.LinksQueries.Add(since ?? "");
            var from = DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var s) ? s : DateTimeOffset.UtcNow;
            return lab.Authorized(context) ? Results.Text(JsonSerializer.Serialize(lab.Snapshot(from.AddSeconds(-1)), LinksFeedJson.Default.LinksSnapshot), "application/json") : Results.Unauthorized();
        });
        app.MapPost("/api/links/runs", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            lab.PostedRuns.Add(await reader.ReadToEndAsync());
            return lab.Authorized(context) ? Results.StatusCode(201) : Results.Unauthorized();
        });
        await app.StartAsync();
        lab.Url = new Uri(app.Urls.First());
        return lab;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private bool Authorized(HttpContext context) => RequiredApiKey is null || context.Request.Headers["x-api-key"] == RequiredApiKey;

    private IResult Hops(string? via)
    {
        if (via is null || !EnabledLinks.Contains(via))
        {
            return Results.Problem(
                $"'{via}' is not enabled for serviceb; enabled links: {string.Join(", ", EnabledLinks)}.", statusCode: 400, title: "Unknown link",
                extensions: new Dictionary<string, object?> { ["link"] = via, ["enabledLinks"] = EnabledLinks });
        }

        var n = Interlocked.Increment(ref _next);
        var traceId = $"1-{0x6900_0000:x8}-{n:x24}";
        // Like the Aspire dashboard, the fake finds a trace by its W3C id only: the X-Ray form is a 404.
        _traces[string.Concat(traceId.AsSpan(2, 8), traceId.AsSpan(11))] = via;
        var seen = via switch { "privatelink" => "127.0.0.2", "lattice" => "127.0.171.2", _ => "127.0.0.1" };
        var forwardedFor = via == "lattice" ? "127.0.0.1" : null;
        var report = new
        {
            traceId,
            link = via,
            hops = new[]
            {
                new { from = "servicea", to = "serviceb", link = via, remoteAddress = seen, forwardedFor, traceId, status = 200, elapsedMs = 2.5, error = (string?)null },
                new { from = "serviceb", to = "servicec", link = via, remoteAddress = seen, forwardedFor, traceId, status = 200, elapsedMs = 1.0, error = (string?)null },
                new { from = "servicea", to = "servicec", link = via, remoteAddress = seen, forwardedFor, traceId, status = 200, elapsedMs = 1.5, error = (string?)null },
            },
        };
        return Results.Json(report);
    }

    private static string Trace(string link)
    {
        static string Span(string hop, string link, long start, long end) => string.Create(CultureInfo.InvariantCulture,
            $$$"""{"name":"GET","kind":3,"startTimeUnixNano":"{{{start}}}","endTimeUnixNano":"{{{end}}}","attributes":[{"key":"lab.hop","value":{"stringValue":"{{{hop}}}"}},{"key":"lab.link","value":{"stringValue":"{{{link}}}"}}]}""");
        const long t = 1_795_000_000_000_000_000;
        var spans = string.Join(',', Span("servicea→serviceb", link, t, t + 2_000_000), Span("serviceb→servicec", link, t, t + 800_000), Span("servicea→servicec", link, t, t + 1_200_000));
        return "{\"data\":{\"resourceSpans\":[{\"resource\":{},\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]},\"totalCount\":3,\"returnedCount\":3}";
    }

    // Flow records from 1 s before the run's start until now: connections kept alive from the warmup look like this.
    private LinksSnapshot Snapshot(DateTimeOffset start)
    {
        var now = DateTimeOffset.UtcNow;
        return new LinksSnapshot(
            [new RelaySnapshot("privatelink", "servicea", "serviceb", "127.0.0.1:40001", "127.0.0.1:5102", "127.0.0.2", 0.3, 0.1,
                ["servicea", "privatelink-endpoint", "nlb", "serviceb"], "test profile", 2, 1, 1000, 2000, Faults: PrivateLinkFaults)],
            [
                new FlowRecord("eni-tgw-serviceb", "tgw", "servicea", "serviceb", "127.0.0.1", 40000, "127.0.0.1", 5102, 6, 10, 5000, start, now),
                new FlowRecord("eni-privatelink-serviceb", "privatelink", "servicea", "serviceb", "127.0.0.2", 40002, "127.0.0.1", 5102, 6, 12, 7000, start, now),
            ],
            FaultWindows);
    }
}
