using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using HdrHistogram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace TracingLab.Lab.Benchmarks;

/// <summary>One measured run of the tracing split.</summary>
internal sealed record SplitRun(string Mode, int Round, double Throughput, double P50Ms, double P99Ms, int Errors, IReadOnlyDictionary<string, double> CpuMsPerRequest, long SinkExports);

/// <summary>
/// The tracing cost split in two: the services' own (the SDK, instrumentation and OTLP export to a sink that accepts and
/// drops every export, against OTEL_SDK_DISABLED=true) and the Aspire dashboard's ingest (the same export to the
/// dashboard Aspire runs, started alone with the settings Aspire gives it). The three services run from their build
/// output without Aspire, with the OTEL_* settings Aspire gives them, calling each other directly (via=peering); modes
/// interleave round by round. CPU per request of each process is read from /proc.
/// </summary>
internal static class TracingSplitBenchmark
{
    public const string Untraced = "untraced";
    public const string Sink = "traced → drop sink";
    public const string Dashboard = "traced → dashboard";
    public const string DashboardNoRun = "traced → dashboard, persistence None";
    private static readonly (string Name, string Project)[] Services = [("servicea", "ServiceA.Ecs"), ("serviceb", "ServiceB.Eks"), ("servicec", "ServiceC.Ec2")];

    public static async Task<IReadOnlyList<SplitRun>> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        var runs = new List<SplitRun>();
        string[] modes = [Untraced, Sink, .. options.SinkVariants.Select(v => Sink + ", " + v), .. options.SplitDashboard ? new[] { Dashboard, DashboardNoRun } : []];
        for (var round = 1; round <= options.Rounds; round++)
        {
            // The order rotates round by round, so no mode always runs first (coldest caches) or last.
            foreach (var mode in modes.Skip((round - 1) % modes.Length).Concat(modes.Take((round - 1) % modes.Length)))
            {
                var run = await RunOnceAsync(options, mode, round, cancel);
                runs.Add(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}/{options.Rounds} {mode,-38}: {run.Throughput,6:F0} req/s  p50 {run.P50Ms:F2} ms  p99 {run.P99Ms:F2} ms  errors {run.Errors}  sink exports {run.SinkExports}  " +
                    $"CPU ms/request {string.Join(", ", run.CpuMsPerRequest.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value:F2}"))}  load {LabProcesses.LoadAverage()}"));
            }
        }

        return runs;
    }

    private static async Task<SplitRun> RunOnceAsync(BenchOptions options, string mode, int round, CancellationToken cancel)
    {
        var variant = mode.StartsWith(Sink + ", ", StringComparison.Ordinal) ? mode[(Sink.Length + 2)..] : null;
        await using var sink = mode == Sink || variant is not null ? await DropSink.StartAsync(cancel) : null;
        Process? dashboard = null;
        var otlp = sink?.Address;
        if (mode is Dashboard or DashboardNoRun)
        {
            var port = AspireHost.FreePort();
            dashboard = StartDashboard(options.AppHost, port, mode == DashboardNoRun ? "None" : "Run");
            otlp = new Uri($"http://127.0.0.1:{port}");
        }

        var ports = Services.ToDictionary(s => s.Name, _ => AspireHost.FreePort(), StringComparer.Ordinal);
        var processes = new Dictionary<string, Process>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, project) in Services)
            {
                processes[name] = StartService(options.AppHost, name, project, ports, otlp, variant);
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
            foreach (var port in ports.Values)
            {
                await WaitHealthyAsync(http, port, options.StartTimeout, cancel);
            }

            var hops = new Uri($"http://127.0.0.1:{ports["servicea"]}/lab/hops?via=peering");
            await LoadBenchmark.DriveAsync(http, hops, options.Warmup, options.Concurrency, null, cancel);
            var watched = processes.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal);
            if (dashboard is not null)
            {
                watched["dashboard"] = dashboard.Id;
            }

            watched["benchmark (load, sink)"] = Environment.ProcessId;
            var before = watched.ToDictionary(w => w.Key, w => LabProcesses.CpuMs(w.Value) ?? 0, StringComparer.Ordinal);
            var histogram = new LongHistogram(60_000_000, 3);
            var clock = Stopwatch.StartNew();
            var errors = await LoadBenchmark.DriveAsync(http, hops, options.Requests, options.Concurrency, histogram, cancel);
            clock.Stop();
            var cpu = watched.ToDictionary(w => w.Key, w => ((LabProcesses.CpuMs(w.Value) ?? 0) - before[w.Key]) / options.Requests, StringComparer.Ordinal);
            return new SplitRun(mode, round, options.Requests / clock.Elapsed.TotalSeconds, histogram.GetValueAtPercentile(50) / 1000.0,
                histogram.GetValueAtPercentile(99) / 1000.0, errors, cpu, sink?.Exports ?? 0);
        }
        finally
        {
            foreach (var process in processes.Values.Append(dashboard).OfType<Process>())
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                process.Dispose();
            }
        }
    }

    private static Process StartService(string appHostDll, string name, string project, Dictionary<string, int> ports, Uri? otlp, string? variant)
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(appHostDll)!, "..", "..", "..", ".."));
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(appHostDll)!)!);
        var exe = Path.Combine(root, project, "bin", configuration, "net10.0", $"TracingLab.{project}");
        var start = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(exe)! };
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[name]}";
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["Lab__Links"] = "peering";
        foreach (var (other, port) in ports.Where(p => p.Key != name))
        {
            env[$"services__{other}__http__0"] = $"http://127.0.0.1:{port}";
            env[$"services__{other}__peering__0"] = $"http://127.0.0.1:{port}"; // peering adds no relay in the lab either
        }

        // What Aspire gives a project in run mode (dotnet/aspire src/Aspire.Hosting, OtlpConfigurationExtensions), and the lab's export timeout.
        env["OTEL_SERVICE_NAME"] = name;
        env["OTEL_TRACES_SAMPLER"] = "always_on";
        env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        env["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        env["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
        env["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000";
        env.Remove("OTEL_SDK_DISABLED");
        if (otlp is null)
        {
            env["OTEL_SDK_DISABLED"] = "true";
        }
        else
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString().TrimEnd('/');
        }

        // A --sink-variant's settings, last, so they can override what Aspire gives.
        foreach (var pair in variant?.Split(';') ?? [])
        {
            env[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The Aspire dashboard the AppHost would run (its path is in the AppHost's assembly metadata), alone.</summary>
    private static Process StartDashboard(string appHostDll, int otlpPort, string persistence)
    {
        var path = AppHostMetadata(appHostDll, "aspiredashboardpath") ?? throw new InvalidOperationException($"{appHostDll} names no Aspire dashboard.");
        var start = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{AspireHost.FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{otlpPort}";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["ASPIRE_DASHBOARD_PERSISTENCE_MODE"] = persistence;
        start.Environment["Dashboard__TelemetryLimits__MaxTraceCount"] = "200000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string? AppHostMetadata(string dll, string key)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1)
            {
                continue;
            }

            // AssemblyMetadataAttribute(string key, string value): both fixed arguments are strings.
            try
            {
                var k = blob.ReadSerializedString();
                var v = blob.ReadSerializedString();
                if (k == key)
                {
                    return v;
                }
            }
            catch (BadImageFormatException)
            {
                // another attribute whose arguments are not two strings
            }
        }

        return null;
    }

    private static async Task WaitHealthyAsync(HttpClient http, int port, TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancel);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(50, cancel);
        }

        throw new TimeoutException($"127.0.0.1:{port}/health did not answer 200 within {timeout}.");
    }

    public static string Render(BenchOptions options, IReadOnlyList<SplitRun> runs)
    {
        var c = CultureInfo.InvariantCulture;
        double Med(string mode, Func<SplitRun, double> f) => Stats.Median(runs.Where(r => r.Mode == mode).Select(f));
        var b = new StringBuilder();
        b.AppendLine(c, $"Tracing cost split: /lab/hops?via=peering, the three services without Aspire, {options.Requests} requests after {options.Warmup} warm-up, concurrency {options.Concurrency}, median of {options.Rounds} interleaved rounds:");
        b.AppendLine();
        b.AppendLine("| mode | req/s | p50 ms | p99 ms | errors | CPU ms/request: services | dashboard | benchmark (load + sink) |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var mode in runs.Select(r => r.Mode).Distinct())
        {
            b.AppendLine(c,
                $"| {mode} | {Med(mode, r => r.Throughput):F0} | {Med(mode, r => r.P50Ms):F2} | {Med(mode, r => r.P99Ms):F2} | {runs.Where(r => r.Mode == mode).Sum(r => r.Errors)} | " +
                $"{Med(mode, r => r.CpuMsPerRequest.Where(p => p.Key.StartsWith("service", StringComparison.Ordinal)).Sum(p => p.Value)):F2} | " +
                $"{Med(mode, r => r.CpuMsPerRequest.GetValueOrDefault("dashboard")):F2} | {Med(mode, r => r.CpuMsPerRequest.GetValueOrDefault("benchmark (load, sink)")):F2} |");
        }

        var p50 = Med(Sink, r => r.P50Ms) / Med(Untraced, r => r.P50Ms);
        var throughput = Med(Sink, r => r.Throughput) / Med(Untraced, r => r.Throughput);
        b.AppendLine();
        b.AppendLine("| the services' own cost (drop sink / untraced) | value | goal | holds |");
        b.AppendLine("| --- | --- | --- | --- |");
        b.AppendLine(c, $"| p50 | {p50:F2}× | ≤ 1.10× | {Stats.YesNo(p50 <= 1.10)} |");
        b.AppendLine(c, $"| throughput | {throughput:F2}× | ≥ 0.90× | {Stats.YesNo(throughput >= 0.90)} |");
        foreach (var v in options.SinkVariants.Select(v => Sink + ", " + v))
        {
            b.AppendLine(c, $"| {v} / untraced | p50 {Med(v, r => r.P50Ms) / Med(Untraced, r => r.P50Ms):F2}×, throughput {Med(v, r => r.Throughput) / Med(Untraced, r => r.Throughput):F2}× | | |");
        }

        if (!options.SplitDashboard)
        {
            return b.ToString();
        }

        b.AppendLine(c, $"| the dashboard's ingest (dashboard / drop sink) | p50 {Med(Dashboard, r => r.P50Ms) / Med(Sink, r => r.P50Ms):F2}×, throughput {Med(Dashboard, r => r.Throughput) / Med(Sink, r => r.Throughput):F2}× (persistence None: {Med(DashboardNoRun, r => r.P50Ms) / Med(Sink, r => r.P50Ms):F2}×, {Med(DashboardNoRun, r => r.Throughput) / Med(Sink, r => r.Throughput):F2}×) | | |");
        return b.ToString();
    }
}

/// <summary>An OTLP/gRPC endpoint that reads every export and answers success with an empty response, keeping nothing.</summary>
internal sealed class DropSink(WebApplication app, Uri address) : IAsyncDisposable
{
    private static readonly byte[] EmptyMessage = new byte[5]; // gRPC frame: not compressed, length 0

    private long _exports;

    public Uri Address { get; } = address;

    /// <summary>Export calls received (every signal), proof that the services' exports reached the sink.</summary>
    public long Exports => Interlocked.Read(ref _exports);

    public static async Task<DropSink> StartAsync(CancellationToken cancel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = AspireHost.FreePort();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http2)); // gRPC without TLS: h2c
        var app = builder.Build();
        var sink = new DropSink(app, new Uri($"http://127.0.0.1:{port}"));
        app.Run(async context =>
        {
            Interlocked.Increment(ref sink._exports);
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(EmptyMessage, context.RequestAborted);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync(cancel);
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
