using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// One AppHost process with every endpoint ephemeral. Start returns when the start-up summary shows all three services
/// Healthy, with the time that took from just before the process was spawned. Disposing always stops the whole tree.
/// </summary>
internal sealed partial class LabHost : IAsyncDisposable
{
    private static readonly string[] ServiceNames = ["servicea", "serviceb", "servicec"];

    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentDictionary<string, (Uri Url, string Health)> _services = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<TimeSpan> _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LabHost(Process process, Stopwatch sinceStart)
    {
        _process = process;
        _sinceStart = sinceStart;
    }

    public Uri ServiceA => _services["servicea"].Url;

    public Uri Dashboard { get; private set; } = null!;

    /// <summary>How the last stop went: "SIGINT", "SIGTERM" or "killed".</summary>
    public string StoppedBy { get; private set; } = "";

    public static async Task<(LabHost Host, TimeSpan ToHealthy)> StartAsync(BenchOptions options, bool traced, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(options.AppHost)!,
        };
        start.ArgumentList.Add(options.AppHost);
        start.ArgumentList.Add("--random-ports");
        start.ArgumentList.Add("--allow-anonymous");
        // The AppHost passes its environment to the services, so this switches the services' OpenTelemetry SDK off.
        // Traced runs remove it, so an OTEL_SDK_DISABLED in the caller's shell cannot make both modes untraced.
        if (traced)
        {
            start.Environment.Remove("OTEL_SDK_DISABLED");
        }
        else
        {
            start.Environment["OTEL_SDK_DISABLED"] = "true";
        }

        var clock = Stopwatch.StartNew();
        var host = new LabHost(new Process { StartInfo = start, EnableRaisingEvents = true }, clock);
        host._process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.Exited += (_, _) => host._healthy.TrySetException(
            new LabStartException($"The AppHost exited (code {host._process.ExitCode}) before all services were healthy. It printed:\n{host.Tail()}"));
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            var toHealthy = await host._healthy.Task.WaitAsync(options.StartTimeout, cancel);
            return (host, toHealthy);
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new LabStartException($"The AppHost printed no all-healthy summary within {options.StartTimeout.TotalSeconds} s. It printed:\n{host.Tail()}");
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGINT as Ctrl+C would; SIGTERM if that is ignored (a shell's background jobs ignore SIGINT); then kill the tree.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!await SignalAndWaitAsync(2, "SIGINT") && !await SignalAndWaitAsync(15, "SIGTERM"))
            {
                _process.Kill(entireProcessTree: true);
                StoppedBy = "killed";
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<bool> SignalAndWaitAsync(int signal, string name)
    {
        if (_process.HasExited)
        {
            return true;
        }

        _ = Kill(_process.Id, signal);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            StoppedBy = name;
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 300)
        {
            _output.TryDequeue(out _);
        }

        if (DashboardLine().Match(line) is { Success: true } dashboard)
        {
            Dashboard = new Uri(new Uri(dashboard.Groups[1].Value).GetLeftPart(UriPartial.Authority));
        }
        else if (ResourceLine().Match(line) is { Success: true } resource)
        {
            _services[resource.Groups[1].Value] = (new Uri(resource.Groups[2].Value), resource.Groups[3].Value);
            if (ServiceNames.All(n => _services.TryGetValue(n, out var s) && s.Health == "Healthy"))
            {
                _healthy.TrySetResult(_sinceStart.Elapsed);
            }
        }
    }

    private string Tail() => string.Join('\n', _output.TakeLast(60));

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [GeneratedRegex(@"^\s+Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();

    // "  servicea   http://127.0.0.1:33547   Running    Healthy"
    [GeneratedRegex(@"^\s{2}(service[abc])\s+(http://\S+)\s+\w+\s+(\w+)\s*$")]
    private static partial Regex ResourceLine();

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
