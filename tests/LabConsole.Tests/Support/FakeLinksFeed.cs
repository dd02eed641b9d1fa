using System.Globalization;
using System.Net;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LabConsole.Tests.Support;

/// <summary>The AppHost's links feed (AppHost/Console/LinksFeed.cs): GET /links?since= behind x-lab-feed-key.</summary>
internal sealed class FakeLinksFeed : IAsyncDisposable
{
    public const string Key = "feed-key";

    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private FakeLinksFeed(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First());

    /// <summary>Starts the feed; <paramref name="faulty"/> (relays and windows) replaces the default relays when given.</summary>
    public static async Task<FakeLinksFeed> StartAsync(LinksSnapshot? faulty = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/links", (HttpRequest request) =>
        {
            if (request.Headers["x-lab-feed-key"] != Key)
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            DateTimeOffset? since = request.Query.TryGetValue("since", out var s)
                ? DateTimeOffset.Parse(s!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
            return Results.Json(
                new LinksSnapshot(faulty?.Relays ?? Relays, [.. Flows.Where(f => since is null || f.End >= since)], faulty?.FaultWindows),
                LinksFeedJson.Default.LinksSnapshot);
        });
        await app.StartAsync();
        return new FakeLinksFeed(app);
    }

    public static IReadOnlyList<RelaySnapshot> Relays { get; } =
    [
        new("tgw", "servicea", "serviceb", "127.0.0.1:41001", "127.0.0.1:5102", "127.0.0.1", 0.5, 0.1,
            ["servicea", "tgw", "serviceb"], "assumption", 2, 1, 4096, 8192),
        new("privatelink", "servicea", "servicec", "127.0.0.1:41002", "127.0.0.1:5103", "127.0.1.3", 0.2, 0.05,
            ["servicea", "vpce", "nlb", "servicec"], "assumption", 1, 1, 1024, 2048, IsOn: false),
    ];

    private static IReadOnlyList<FlowRecord> Flows { get; } =
    [
        Flow("tgw", "127.0.0.1", T0, T0.AddSeconds(60)),
        Flow("tgw", "127.0.0.1", T0.AddSeconds(60), T0.AddSeconds(120)),
        Flow("privatelink", "127.0.1.3", T0.AddSeconds(60), T0.AddSeconds(90)),
    ];

    /// <summary>A small three-link run, as the compare command would post it.</summary>
    public static CompareRun Run(string id)
    {
        var latency = new LatencySummary(10, 8, 12, 12.5, 15, 20, 20, 21);
        LinkResult Link(string name, string seen) => new(
            name, 10, 10, 0, new Dictionary<string, long>(), latency, [new CdfPoint(0.5, 12.5), new CdfPoint(1, 21)],
            [new HopResult("servicea→serviceb", "trace", latency)], [new RemoteAddressSeen("servicea→serviceb", seen, 10)],
            1000, 5000, "1-6b036a5f-6a6cfcdc8632600abd17cdde");
        return new CompareRun(
            id, T0, T0.AddSeconds(5), "http://127.0.0.1:5101", 2, 5, "local",
            [Link("tgw", "127.0.0.1"), Link("peering", "127.0.0.1"), Link("privatelink", "127.0.1.3")], [], [], null, ["a note"]);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static FlowRecord Flow(string link, string source, DateTimeOffset start, DateTimeOffset end) =>
        new($"eni-{link}", link, "servicea", "serviceb", source, 40000, "127.0.0.1", 5102, 6, 10, 4096, start, end);
}
