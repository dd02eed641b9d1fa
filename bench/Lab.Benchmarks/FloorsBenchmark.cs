using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TracingLab.Lab.Benchmarks;

/// <summary>One start and stop of one AppHost in the floors run.</summary>
/// <param name="Up">Spawn → the AppHost's measure of up: the lab's "is up" line, all three /health 200 for the three-project floor, "Distributed application started" for the empty one.</param>
/// <param name="Started">Spawn → Aspire's "Distributed application started".</param>
/// <param name="Steps">Spawn → each step on the way up (a service's ready line or first /health 200).</param>
internal sealed record FloorRun(string Kind, int Round, TimeSpan Up, TimeSpan Started, IReadOnlyDictionary<string, TimeSpan> Steps, StopResult Stop);

/// <summary>
/// The lab's start and stop beside Aspire's own floors, interleaved round by round (the order rotates so drift and the
/// machine's other load hit all three alike): an AppHost with the same three projects and nothing else, and an empty
/// AppHost. Every AppHost is the built Release dll run as <c>dotnet X.dll</c> with unsecured loopback endpoints.
/// </summary>
internal static partial class FloorsBenchmark
{
    public const string Lab = "lab";
    public const string Three = "three services";
    public const string Empty = "empty";
    private static readonly string[] Services = ["servicea", "serviceb", "servicec"];
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<FloorRun>> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        var kinds = new[] { Lab, Three, Empty };
        var runs = new List<FloorRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                var kind = kinds[(k + round - 1) % kinds.Length];
                var run = kind switch
                {
                    Lab => await RunLabAsync(options, round, cancel),
                    Three => await RunThreeAsync(options, round, cancel),
                    _ => await RunEmptyAsync(options, round, cancel),
                };
                runs.Add(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}/{options.Rounds} {kind,-14}: up {run.Up.TotalSeconds,6:F2} s (Aspire started {run.Started.TotalSeconds:F2} s)  " +
                    $"SIGTERM → nothing left {run.Stop.Total.TotalSeconds:F2} s  [{string.Join(", ", run.Stop.GoneByRole.OrderBy(g => g.Value).Select(g => $"{g.Key} {g.Value.TotalSeconds:F2}"))}]" +
                    $"{(run.Stop.Left.Count > 0 ? $"  LEFT: {run.Stop.Left.Count}" : "")}  load {LabProcesses.LoadAverage()}"));
            }
        }

        return runs;
    }

    private static Dictionary<string, string?> Environment(bool dashboardPorts) =>
        new()
        {
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
            ["OTEL_SDK_DISABLED"] = null,
            ["ASPNETCORE_URLS"] = dashboardPorts ? $"http://127.0.0.1:{AspireHost.FreePort()}" : null,
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = dashboardPorts ? $"http://127.0.0.1:{AspireHost.FreePort()}" : null,
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = dashboardPorts ? $"http://127.0.0.1:{AspireHost.FreePort()}" : null,
        };

    private static async Task<FloorRun> RunLabAsync(BenchOptions options, int round, CancellationToken cancel)
    {
        // The lab picks its own free ports (Lab:RandomPorts) and says where each service is in its "ready at" lines.
        await using var host = AspireHost.Start(options.AppHost, ["Lab:RandomPorts=true"], Environment(dashboardPorts: false));
        var up = await Within(host, host.LineAsync(UpLine(), options.StartTimeout, cancel), "the lab's \"is up\" line");
        var steps = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (at, line) in host.Lines)
        {
            if (ReadyLine().Match(line) is { Success: true } ready)
            {
                steps[ready.Groups[1].Value] = at;
                if (Services.Contains(ready.Groups[1].Value))
                {
                    // The up line's guarantee, checked: every service answers once it is printed.
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                    using var health = await http.GetAsync(new Uri(new Uri(ready.Groups[2].Value), "/health"), cancel);
                    if (!health.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"{ready.Groups[1].Value} answered {(int)health.StatusCode} after the up line.");
                    }
                }
            }
        }

        var started = await host.LineAsync(StartedLine(), TimeSpan.FromSeconds(1), cancel);
        await Task.Delay(Settle, cancel);
        var stop = await host.StopAsync(StopTimeout);
        // The timeline, for the notes: what the lab's AppHost printed, and when.
        Console.WriteLine(string.Join('\n', host.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"  {l.At.TotalSeconds,7:F2} s  {l.Line}"))));

        return new FloorRun(Lab, round, up, started, steps, stop);
    }

    private static async Task<FloorRun> RunThreeAsync(BenchOptions options, int round, CancellationToken cancel)
    {
        var ports = Services.ToDictionary(s => s, _ => AspireHost.FreePort(), StringComparer.Ordinal);
        await using var host = AspireHost.Start(options.FloorAppHost, ports.Select(p => $"Floor:{p.Key}={p.Value}"), Environment(dashboardPorts: true));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var steps = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        // Asked from outside every 10 ms: the floor gets the best case, the moment its last service answers.
        while (steps.Count < Services.Length)
        {
            if (deadline.Elapsed > options.StartTimeout)
            {
                throw new TimeoutException($"The three-project floor had {steps.Count} of 3 services healthy after {options.StartTimeout}. It printed:\n{host.Tail(40)}");
            }

            foreach (var (name, port) in ports.Where(p => !steps.ContainsKey(p.Key)))
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancel);
                    if (response.IsSuccessStatusCode)
                    {
                        steps[name] = host.SinceSpawn;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
                {
                    // slow answer: ask again
                }
            }

            await Task.Delay(10, cancel);
        }

        var up = steps.Values.Max();
        var started = await Within(host, host.LineAsync(StartedLine(), options.StartTimeout, cancel), "Aspire's started line");
        await Task.Delay(Settle, cancel);
        return new FloorRun(Three, round, up, started, steps, await host.StopAsync(StopTimeout));
    }

    private static async Task<FloorRun> RunEmptyAsync(BenchOptions options, int round, CancellationToken cancel)
    {
        await using var host = AspireHost.Start(options.EmptyAppHost, [], Environment(dashboardPorts: true));
        var started = await Within(host, host.LineAsync(StartedLine(), options.StartTimeout, cancel), "Aspire's started line");
        await Task.Delay(Settle, cancel);
        return new FloorRun(Empty, round, started, started, new Dictionary<string, TimeSpan>(), await host.StopAsync(StopTimeout));
    }

    private static async Task<TimeSpan> Within(AspireHost host, Task<TimeSpan> line, string what)
    {
        try
        {
            return await line;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} in time. The AppHost printed:\n{host.Tail(40)}");
        }
    }

    public static string Render(BenchOptions options, IReadOnlyList<FloorRun> runs)
    {
        var c = CultureInfo.InvariantCulture;
        double Med(string kind, Func<FloorRun, double> f) => Stats.Median(runs.Where(r => r.Kind == kind).Select(f));
        string Range(string kind, Func<FloorRun, double> f) =>
            string.Create(c, $"{Med(kind, f):F2} ({runs.Where(r => r.Kind == kind).Min(f):F2}–{runs.Where(r => r.Kind == kind).Max(f):F2})");
        var labUp = Med(Lab, r => r.Up.TotalSeconds);
        var threeUp = Med(Three, r => r.Up.TotalSeconds);
        var labStop = Med(Lab, r => r.Stop.Total.TotalSeconds);
        var emptyStop = Med(Empty, r => r.Stop.Total.TotalSeconds);
        var left = runs.Sum(r => r.Stop.Left.Count);
        var b = new StringBuilder();
        b.AppendLine(c, $"Start and stop beside Aspire's floors, {options.Rounds} rounds interleaved (order rotating), built Release, `dotnet X.dll`, median (min–max) s:");
        b.AppendLine();
        b.AppendLine("| AppHost | up | Aspire \"started\" | SIGTERM → nothing left |");
        b.AppendLine("| --- | --- | --- | --- |");
        foreach (var kind in new[] { Lab, Three, Empty })
        {
            b.AppendLine(c, $"| {kind} | {Range(kind, r => r.Up.TotalSeconds)} | {Range(kind, r => r.Started.TotalSeconds)} | {Range(kind, r => r.Stop.Total.TotalSeconds)} |");
        }

        b.AppendLine();
        b.AppendLine("| goal | value | holds |");
        b.AppendLine("| --- | --- | --- |");
        b.AppendLine(c, $"| lab up ≤ 1.10 × three-project floor | {labUp / threeUp:F2}× ({labUp:F2} vs {threeUp:F2} s) | {Stats.YesNo(labUp / threeUp <= 1.10)} |");
        b.AppendLine(c, $"| lab stop ≤ empty stop + 0.5 s, nothing left | {labStop:F2} vs {emptyStop + 0.5:F2} s, {left} left | {Stats.YesNo(labStop <= emptyStop + 0.5 && left == 0)} |");
        b.AppendLine();
        b.AppendLine("Where the time goes (medians, s from spawn; stop: s from SIGTERM until the role's last process is gone):");
        b.AppendLine();
        foreach (var kind in new[] { Lab, Three, Empty })
        {
            var ofKind = runs.Where(r => r.Kind == kind).ToList();
            var steps = ofKind.SelectMany(r => r.Steps.Keys).Distinct().Select(s => (s, Stats.Median(ofKind.Where(r => r.Steps.ContainsKey(s)).Select(r => r.Steps[s].TotalSeconds)))).OrderBy(s => s.Item2);
            var gone = ofKind.SelectMany(r => r.Stop.GoneByRole.Keys).Distinct().Select(g => (g, Stats.Median(ofKind.Where(r => r.Stop.GoneByRole.ContainsKey(g)).Select(r => r.Stop.GoneByRole[g].TotalSeconds)))).OrderBy(g => g.Item2);
            b.AppendLine(c, $"- {kind}: start: Aspire started {Med(kind, r => r.Started.TotalSeconds):F2}{string.Concat(steps.Select(s => string.Create(c, $", {s.s} {s.Item2:F2}")))}; stop: {string.Join(", ", gone.Select(g => string.Create(c, $"{g.g} {g.Item2:F2}")))}");
        }

        return b.ToString();
    }

    // Aspire's own line once DCP has the model: "Distributed application started. Press Ctrl+C to shut down."
    [GeneratedRegex(@"Distributed application started")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"TracingLab is up\.")]
    private static partial Regex UpLine();

    [GeneratedRegex(@"^\s*(service[abc]|labconsole) ready at (http://\S+)\s*$")]
    private static partial Regex ReadyLine();
}
