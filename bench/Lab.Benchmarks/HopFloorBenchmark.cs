using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TracingLab.LinkCompare.Load;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.Testing;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// Each hop of <c>/lab/hops</c> beside a floor measured in the same run (issue 15, item 3): a bare Kestrel responder on
/// loopback called through the services' own HttpClient stack (ServiceDefaults: OpenTelemetry instrumentation, service
/// discovery, the standard resilience handler with the leaf budget) and timed by the same <see cref="LabCall"/> that
/// times the services' hops. Each tick sends one <c>/lab/hops</c> and then one floor call, so both see the same machine.
/// The per-hop overhead is the hop's percentile minus the floor's; the ratio is hop / floor. A second floor, the same
/// responder in a process of its own (<see cref="FloorProcess"/>), is called in the same tick: a hop in the lab always
/// wakes another process, and the difference between the two floors is what that costs on this machine.
/// </summary>
internal static class HopFloorBenchmark
{
    private static readonly string[] Hops = ["servicea→serviceb", "serviceb→servicec", "servicea→servicec"];

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        await using var floor = await FloorResponder.StartAsync(cancel);
        await using var ownFloor = await FloorProcess.StartAsync(cancel);
        using var caller = FloorCaller.Build(options.Tracing);
        await caller.StartAsync(cancel);
        await using var lab = await LoadBenchmark.StartLabAsync(options, traced: options.Tracing, cancel);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var hopsUrl = new Uri(lab.Services["servicea"], $"/lab/hops?via={options.Link}");
        var floorLink = new LinkChoice("floor", floor.Url, null, ["floor"]);
        var ownFloorLink = new LinkChoice("floor", ownFloor.Address, null, ["floor"]);
        var client = caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("floor");

        var samples = Hops.ToDictionary(h => h, _ => new List<double>(), StringComparer.Ordinal);
        var floorSamples = new List<double>();
        var ownFloorSamples = new List<double>();
        var endToEnd = new List<double>();
        var errors = 0;
        var interval = options.Rate > 0 ? TimeSpan.FromSeconds(1.0 / options.Rate) : TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Warmup + options.Requests; i++)
        {
            var measured = i >= options.Warmup;
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancel);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(hopsUrl, cancel);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var report = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<HopsAnswer>(cancel) : null;
            var echo = await LabCall.SendAsync<EchoReport>(client, "bench", "floor", floorLink, HttpMethod.Get, "/lab/echo", null, cancel);
            var ownEcho = await LabCall.SendAsync<EchoReport>(client, "bench", "floor", ownFloorLink, HttpMethod.Get, "/lab/echo", null, cancel);
            if (report is null || !echo.Succeeded || !ownEcho.Succeeded)
            {
                errors++;
                continue;
            }

            if (!measured)
            {
                continue;
            }

            endToEnd.Add(elapsed);
            floorSamples.Add(echo.ElapsedMs);
            ownFloorSamples.Add(ownEcho.ElapsedMs);
            foreach (var hop in report.Hops)
            {
                if (samples.TryGetValue($"{hop.From}→{hop.To}", out var list))
                {
                    list.Add(hop.ElapsedMs);
                }
            }
        }

        return Render(options, samples, floorSamples, ownFloorSamples, endToEnd, errors);
    }

    private static string Render(
        BenchOptions options, Dictionary<string, List<double>> samples, List<double> floor, List<double> ownFloor, List<double> endToEnd, int errors)
    {
        var pace = options.Rate > 0 ? $"{options.Rate} requests/s" : "sequential";
        var lines = new List<string>
        {
            $"Per-hop time over the floor: /lab/hops?via={options.Link}, tracing {(options.Tracing ? "on" : "off (OTEL_SDK_DISABLED=true)")}, {pace}, {floor.Count} measured ticks ({options.Warmup} warm-up), errors {errors}",
            "",
            "| series | p50 ms | p90 ms | p99 ms | p50 − floor p50 ms | p50 / floor p50 | p50 − own-process floor p50 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        var floorP50 = Percentile(floor, 0.50);
        var ownFloorP50 = Percentile(ownFloor, 0.50);
        lines.Add(Row("floor (bare Kestrel, same client stack)", floor, floorP50, ownFloorP50));
        lines.Add(Row("own-process floor (the same, its own process)", ownFloor, floorP50, ownFloorP50));
        foreach (var (hop, list) in samples)
        {
            lines.Add(Row(hop, list, floorP50, ownFloorP50));
        }

        lines.Add(Row("/lab/hops end to end", endToEnd, floorP50, ownFloorP50));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Row(string name, List<double> values, double floorP50, double ownFloorP50)
    {
        if (values.Count == 0)
        {
            return $"| {name} | no samples | | | | | |";
        }

        var p50 = Percentile(values, 0.50);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {p50:F3} | {Percentile(values, 0.90):F3} | {Percentile(values, 0.99):F3} | {p50 - floorP50:+0.000;-0.000;0.000} | {p50 / floorP50:F2}× | {p50 - ownFloorP50:+0.000;-0.000;0.000} |");
    }

    /// <summary>Nearest-rank percentile of <paramref name="values"/> (0 &lt; <paramref name="p"/> ≤ 1).</summary>
    internal static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>A host with the services' ServiceDefaults and a client configured as service A's client of servicec.</summary>
    private static class FloorCaller
    {
        public static IHost Build(bool tracing)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            // Untraced runs switch the caller's SDK off as the lab's: the floor and the hops pay for the same things.
            builder.Configuration["OTEL_SDK_DISABLED"] = tracing ? "false" : "true";
            // Like service A, the caller of servicec; no OTLP endpoint, so spans are made (as in the services) but not sent.
            builder.Configuration["Lab:Platform"] = "aws_ecs";
            builder.AddServiceDefaults();
            builder.Services.AddHttpClient("floor").WithLabTimeouts(downstreamDepth: 0);
            return builder.Build();
        }
    }
}
