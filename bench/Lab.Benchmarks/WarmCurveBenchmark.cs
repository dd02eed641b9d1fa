using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using TracingLab.Testing;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// Where a request's time goes, from a cold start (issue 15, item 1): the built AppHost is started (tracing on, random
/// ports) and sent <see cref="BenchOptions.Slices"/> slices of <see cref="BenchOptions.Requests"/> sequential
/// <c>/lab/hops</c>. Per slice: end-to-end and per-hop p50, and the CPU time every process of the lab (the AppHost with
/// its relays, DCP, the Aspire dashboard, the services, the lab console) spent per request, read from /proc. Shows how
/// long the services take to warm up and, once warm, which process a request costs most in.
/// </summary>
internal static class WarmCurveBenchmark
{
    private static readonly string[] Hops = ["servicea→serviceb", "serviceb→servicec", "servicea→servicec"];

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "--warm-curve reads CPU times from /proc and runs on Linux only.";
        }

        await using var lab = await LoadBenchmark.StartLabAsync(options, traced: true, cancel);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var hopsUrl = new Uri(lab.Services["servicea"], $"/lab/hops?via={options.Link}");
        var slices = new List<Slice>();
        for (var s = 0; s < options.Slices; s++)
        {
            var before = CpuByProcess(lab.ProcessId);
            var endToEnd = new List<double>();
            var hops = Hops.ToDictionary(h => h, _ => new List<double>(), StringComparer.Ordinal);
            var errors = 0;
            for (var i = 0; i < options.Requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(hopsUrl, cancel);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var report = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<HopsAnswer>(cancel) : null;
                if (report is null)
                {
                    errors++;
                    continue;
                }

                endToEnd.Add(elapsed);
                foreach (var hop in report.Hops)
                {
                    hops.GetValueOrDefault($"{hop.From}→{hop.To}")?.Add(hop.ElapsedMs);
                }
            }

            var after = CpuByProcess(lab.ProcessId);
            var cpu = after.ToDictionary(p => p.Key, p => (p.Value - before.GetValueOrDefault(p.Key)) / options.Requests, StringComparer.Ordinal);
            slices.Add(new Slice(endToEnd, hops, cpu, errors));
        }

        return Render(options, slices);
    }

    private static string Render(BenchOptions options, List<Slice> slices)
    {
        var processes = slices[^1].CpuMsPerRequest.OrderByDescending(p => p.Value).Select(p => p.Key).ToList();
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"Warm-up curve: /lab/hops?via={options.Link}, tracing on, sequential, {options.Slices} slices of {options.Requests} requests from a cold start",
            "",
            $"| slice | e2e p50 ms | e2e p90 ms | {string.Join(" | ", Hops.Select(h => h + " p50"))} | lab CPU ms/request | {string.Join(" | ", processes)} | errors |",
            $"| ---: | ---: | ---: | {string.Join(" | ", Hops.Select(_ => "---:"))} | ---: | {string.Join(" | ", processes.Select(_ => "---:"))} | ---: |",
        };
        for (var i = 0; i < slices.Count; i++)
        {
            var s = slices[i];
            var hopCells = Hops.Select(h => Cell(s.Hops[h], 0.5));
            var cpuCells = processes.Select(p => s.CpuMsPerRequest.GetValueOrDefault(p).ToString("0.000", c));
            lines.Add(string.Create(
                c,
                $"| {i + 1} | {Cell(s.EndToEnd, 0.5)} | {Cell(s.EndToEnd, 0.9)} | {string.Join(" | ", hopCells)} | {s.CpuMsPerRequest.Values.Sum():0.000} | {string.Join(" | ", cpuCells)} | {s.Errors} |"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Cell(List<double> values, double p) =>
        values.Count == 0 ? "–" : HopFloorBenchmark.Percentile(values, p).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>CPU time (user + system, ms) of every process of the lab, summed by role.</summary>
    private static Dictionary<string, double> CpuByProcess(int appHost)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var processes = ProcessTree.Descendants(appHost);
        processes[appHost] = "TracingLab.AppHost";
        foreach (var (pid, command) in processes)
        {
            if (CpuMs(pid) is { } ms)
            {
                var role = Role(command);
                result[role] = result.GetValueOrDefault(role) + ms;
            }
        }

        return result;
    }

    private static string Role(string command) => command switch
    {
        _ when command.Contains("Aspire.Dashboard", StringComparison.Ordinal) => "dashboard",
        _ when command.Contains("/dcp", StringComparison.Ordinal) || command.StartsWith("dcp", StringComparison.Ordinal) => "dcp",
        _ when command.Contains("TracingLab.AppHost", StringComparison.Ordinal) => "apphost (relays)",
        _ when command.Contains("ServiceA", StringComparison.Ordinal) => "servicea",
        _ when command.Contains("ServiceB", StringComparison.Ordinal) => "serviceb",
        _ when command.Contains("ServiceC", StringComparison.Ordinal) => "servicec",
        _ when command.Contains("LabConsole", StringComparison.Ordinal) => "labconsole",
        _ => "other",
    };

    // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks of 1/100 s (USER_HZ), after the ")" that ends
    // the command name (which may itself hold spaces).
    private static double? CpuMs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks * 10.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // the process ended between listing and reading
        }
    }

    private sealed record Slice(List<double> EndToEnd, Dictionary<string, List<double>> Hops, Dictionary<string, double> CpuMsPerRequest, int Errors);

}
