using System.Diagnostics;
using TracingLab.Dashboard;

namespace TracingLab.AppHost.Hosting;

/// <summary>
/// Runs one service as a child process: holds it until its dependencies are healthy, captures its console, probes
/// <c>/health</c>, restarts it with exponential back-off when it crashes (Aspire doesn't) and stops it on shutdown.
/// </summary>
public sealed partial class ProcessSupervisor(
    ProjectResource resource, string dllPath, Uri url, IReadOnlyDictionary<string, string> environment,
    IReadOnlyList<ProcessSupervisor> dependencies, HttpClient probe, TextWriter echo, TimeSpan initialBackoff)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly object _gate = new();
    private Process? _process;
    private int _consecutiveFailures;

    /// <summary>Raised when state, health or console output changes.</summary>
    public event Action? Changed;

    /// <summary>The resource supervised.</summary>
    public ProjectResource Resource { get; } = resource;

    /// <summary>The service's base URL.</summary>
    public Uri Url { get; } = url;

    /// <summary>The environment the process gets.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    /// <summary>The last lines it wrote.</summary>
    public ConsoleBuffer Console { get; } = new();

    /// <summary>Current lifecycle state (see <see cref="ResourceState"/>).</summary>
    public string State { get; private set; } = ResourceState.NotStarted;

    /// <summary>Healthy, Unhealthy or Unknown.</summary>
    public string Health { get; private set; } = "Unknown";

    /// <summary>How many times the process was restarted after a crash.</summary>
    public int RestartCount { get; private set; }

    /// <summary>The running process's id.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>When the current process started.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>True once the process runs and its /health passes.</summary>
    public bool IsHealthy => State == ResourceState.Running && Health == "Healthy";

    /// <summary>Runs the process until <paramref name="stopping"/> is cancelled, restarting it after crashes.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        SetState(ResourceState.Waiting);
        foreach (var dependency in dependencies)
        {
            await dependency.WaitUntilHealthyAsync(stopping).ConfigureAwait(false);
        }

        while (!stopping.IsCancellationRequested)
        {
            Process process;
            try
            {
                process = Launch();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                Echo($"failed to start: {e.Message}", isError: true);
                SetState(ResourceState.FailedToStart);
                return;
            }

            var exit = process.WaitForExitAsync(CancellationToken.None);
            var healthLoop = ProbeUntilExitAsync(exit, stopping);
            await exit.ConfigureAwait(false);
            await healthLoop.ConfigureAwait(false);
            Health = "Unknown";
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            var backoff = Backoff(++_consecutiveFailures, initialBackoff);
            Echo($"exited with code {process.ExitCode}; restarting in {backoff.TotalSeconds:0.#} s (restart {RestartCount + 1})", isError: true);
            SetState(ResourceState.Restarting);
            try
            {
                await Task.Delay(backoff, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            RestartCount++;
        }

        SetState(ResourceState.Finished);
    }

    /// <summary>Completes once the service is running and healthy.</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        while (!IsHealthy)
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), then kills its whole tree if it hasn't exited within the grace period.</summary>
    public async Task StopAsync()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
        }

        if (process is null || process.HasExited)
        {
            return;
        }

        if (Signals.TryTerminate(process.Id))
        {
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // Fall through to a kill.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Kills the current process without stopping supervision (used to demonstrate a crash).</summary>
    public void Kill()
    {
        lock (_gate)
        {
            _process?.Kill(entireProcessTree: true);
        }
    }

    internal static TimeSpan Backoff(int consecutiveFailures, TimeSpan initial) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, initial.TotalSeconds * Math.Pow(2, Math.Max(0, consecutiveFailures - 1))));

    private Process Launch()
    {
        SetState(ResourceState.Starting);
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dllPath);
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process?.Dispose();
            _process = process;
        }

        ProcessId = process.Id;
        StartedAt = DateTimeOffset.UtcNow;
        SetState(ResourceState.Running);
        return process;
    }

    private async Task ProbeUntilExitAsync(Task exit, CancellationToken stopping)
    {
        var healthy = TimeSpan.FromSeconds(2);
        var starting = TimeSpan.FromMilliseconds(100);
        while (!exit.IsCompleted && !stopping.IsCancellationRequested)
        {
            var ok = await ProbeAsync(stopping).ConfigureAwait(false);
            if (exit.IsCompleted)
            {
                return;
            }

            var health = ok ? "Healthy" : "Unhealthy";
            if (health != Health)
            {
                Health = health;
                if (ok)
                {
                    _consecutiveFailures = 0;
                }

                Changed?.Invoke();
            }

            await Task.WhenAny(exit, Task.Delay(ok ? healthy : starting, stopping)).ConfigureAwait(false);
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await probe.GetAsync(new Uri(Url, "/health"), timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        Console.Add(new ConsoleLine(DateTimeOffset.UtcNow, isError, line));
        echo.WriteLine($"{Resource.Name,-9}| {line}");
        Changed?.Invoke();
    }

    private void Echo(string message, bool isError)
    {
        Console.Add(new ConsoleLine(DateTimeOffset.UtcNow, isError, "[apphost] " + message));
        echo.WriteLine($"{Resource.Name,-9}| [apphost] {message}");
    }

    private void SetState(string state)
    {
        State = state;
        if (state != ResourceState.Running)
        {
            ProcessId = state == ResourceState.Starting ? ProcessId : null;
        }

        Changed?.Invoke();
    }
}
