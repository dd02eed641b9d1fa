using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace TracingLab.Testing;

/// <summary>
/// The Aspire AppHost running as a child process, with every endpoint on an ephemeral port (Lab:RandomPorts=true): what
/// the whole-lab benchmark starts. Its "ready at" lines give the URLs; what it printed is kept for failure messages.
/// Disposing stops it: SIGINT as Ctrl+C would, SIGTERM if SIGINT is ignored, then a kill of the whole tree.
/// </summary>
public sealed partial class LabProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private static readonly string[] ServiceNames = ["servicea", "serviceb", "servicec"];
    private static readonly TimeSpan SignalGrace = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly Stopwatch _sinceSpawn = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentDictionary<string, (Uri Url, string Health)> _services = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<TimeSpan> _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LabProcess(Process process) => _process = process;

    /// <summary>The AppHost's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>From just before the process was spawned to the summary showing all three services Healthy.</summary>
    public TimeSpan ToHealthy { get; private set; }

    /// <summary>The dashboard's UI (and telemetry API) base address.</summary>
    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The login URL with the browser token, when not anonymous.</summary>
    public Uri? LoginUrl { get; private set; }

    /// <summary>The services' base addresses by name.</summary>
    public IReadOnlyDictionary<string, Uri> Services => _services.ToDictionary(s => s.Key, s => s.Value.Url, StringComparer.Ordinal);

    /// <summary>How the AppHost was stopped: "SIGINT", "SIGTERM" or "killed" (empty while it runs).</summary>
    public string StoppedBy { get; private set; } = "";

    /// <summary>The AppHost's output so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output.TakeLast(200));

    /// <summary>Whether the AppHost process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the AppHost recorded in <paramref name="testAssembly"/>'s build metadata and waits for every service to be healthy.</summary>
    public static Task<LabProcess> StartAsync(Assembly testAssembly, TimeSpan timeout, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        return StartAsync(AppHostPath(testAssembly), timeout, args, environment: null, CancellationToken.None);
    }

    /// <summary>
    /// Starts the AppHost dll at <paramref name="appHost"/> with <c>--random-ports</c> and <paramref name="args"/>;
    /// <paramref name="environment"/> sets (or, with a null value, removes) variables the AppHost and so its services get.
    /// </summary>
    public static async Task<LabProcess> StartAsync(
        string appHost, TimeSpan timeout, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appHost)!,
        };
        start.ArgumentList.Add(appHost);
        start.ArgumentList.Add("Lab:RandomPorts=true");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var lab = new LabProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        lab._process.OutputDataReceived += (_, e) => lab.OnLine(e.Data);
        lab._process.ErrorDataReceived += (_, e) => lab.OnLine(e.Data);
        lab._process.Exited += (_, _) => lab._healthy.TrySetException(new LabProcessStartException(
            $"The AppHost exited (code {lab._process.ExitCode}) before all services were healthy. It printed:\n{lab.Output}"));
        lab._sinceSpawn.Start();
        lab._process.Start();
        lab._process.BeginOutputReadLine();
        lab._process.BeginErrorReadLine();
        try
        {
            lab.ToHealthy = await lab._healthy.Task.WaitAsync(timeout, ct);
            return lab;
        }
        catch (TimeoutException)
        {
            await lab.DisposeAsync();
            throw new LabProcessStartException($"The AppHost printed no all-healthy start-up summary within {timeout}. It printed:\n{lab.Output}");
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends SIGTERM and measures until the AppHost, DCP, the dashboard and every service are gone (or
    /// <paramref name="timeout"/> passes); returns that time and what was left, if anything.
    /// </summary>
    public async Task<(TimeSpan Elapsed, IReadOnlyDictionary<int, string> Left)> StopAndMeasureAsync(TimeSpan timeout)
    {
        var tree = ProcessTree.Descendants(_process.Id);
        var clock = Stopwatch.StartNew();
        _ = Kill(_process.Id, SigTerm);
        await _process.WaitForExitAsync().WaitAsync(timeout);
        var left = ProcessTree.Alive(tree);
        while (left.Count > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(20);
            left = ProcessTree.Alive(tree);
        }

        StoppedBy = "SIGTERM";
        return (clock.Elapsed, left);
    }

    /// <summary>Sends SIGINT, as Ctrl+C would, and waits for the AppHost to exit.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigInt);
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        StoppedBy = "SIGINT";
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            // A shell's background jobs start with SIGINT ignored, and .NET keeps it ignored; SIGTERM still stops the AppHost.
            if (!await SignalAndWaitAsync(SigInt, "SIGINT") && !await SignalAndWaitAsync(SigTerm, "SIGTERM"))
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

    /// <summary>The AppHost dll recorded by build/LabProjectPaths.targets in <paramref name="assembly"/>, or null.</summary>
    public static string? FindAppHost(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "lab-project:TracingLab.AppHost")?.Value;
    }

    private static string AppHostPath(Assembly assembly) =>
        FindAppHost(assembly)
        ?? throw new InvalidOperationException($"{assembly.GetName().Name} records no AppHost path; reference AppHost with LabProject=\"true\".");

    private async Task<bool> SignalAndWaitAsync(int signal, string name)
    {
        if (_process.HasExited)
        {
            StoppedBy = StoppedBy.Length == 0 ? name : StoppedBy;
            return true;
        }

        _ = Kill(_process.Id, signal);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(SignalGrace);
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
        while (_output.Count > 500)
        {
            _output.TryDequeue(out _);
        }

        if (DashboardLine().Match(line) is { Success: true } dashboard)
        {
            DashboardUrl = new Uri(dashboard.Groups[1].Value);
        }
        else if (LoginLine().Match(line) is { Success: true } login)
        {
            LoginUrl = new Uri(login.Groups[1].Value);
        }
        else if (ReadyLine().Match(line) is { Success: true } resource)
        {
            // Aspire's WaitFor and the lab's readiness check: "ready" means /health answered 200.
            _services[resource.Groups[1].Value] = (new Uri(resource.Groups[2].Value), "Healthy");
            if (ServiceNames.All(n => _services.TryGetValue(n, out var s) && s.Health == "Healthy"))
            {
                _healthy.TrySetResult(_sinceSpawn.Elapsed);
            }
        }
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // Aspire's "      - Dashboard:  http://127.0.0.1:18888" and "Login to the dashboard at http://...?t=..." lines.
    [GeneratedRegex(@"^\s+- Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"Login to the dashboard at (http://\S+)")]
    private static partial Regex LoginLine();

    // The AppHost's "servicea ready at http://127.0.0.1:33547" (LabSummary).
    [GeneratedRegex(@"^\s*(service[abc]|labconsole) ready at (http://\S+)\s*$")]
    private static partial Regex ReadyLine();

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
