using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TracingLab.Testing;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// Any built AppHost (the lab's or a floor's) run as <c>dotnet X.dll</c>, as a user runs it: each output line is kept
/// with the time it arrived, so start-up can be split by what the AppHost printed; a stop is timed per process role.
/// </summary>
internal sealed class AspireHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceSpawn;
    private readonly ConcurrentQueue<(TimeSpan At, string Line)> _lines = new();
    private readonly ConcurrentDictionary<Regex, TaskCompletionSource<TimeSpan>> _waits = new();

    private AspireHost(Process process, Stopwatch sinceSpawn)
    {
        _process = process;
        _sinceSpawn = sinceSpawn;
    }

    public int ProcessId => _process.Id;

    public TimeSpan SinceSpawn => _sinceSpawn.Elapsed;

    public IEnumerable<(TimeSpan At, string Line)> Lines => _lines;

    /// <summary>Spawns <c>dotnet <paramref name="dll"/></c>; the clock starts just before the spawn.</summary>
    public static AspireHost Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
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

        var clock = new Stopwatch();
        var host = new AspireHost(new Process { StartInfo = start }, clock);
        host._process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        clock.Start();
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The time since spawn at which a line matching <paramref name="pattern"/> was printed.</summary>
    public Task<TimeSpan> LineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancel)
    {
        var wait = _waits.GetOrAdd(pattern, _ => new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously));
        foreach (var (at, line) in _lines)
        {
            if (pattern.IsMatch(line))
            {
                wait.TrySetResult(at);
            }
        }

        return wait.Task.WaitAsync(timeout, cancel);
    }

    /// <summary>
    /// Sends SIGTERM and watches every process of the AppHost until none is left (or <paramref name="timeout"/>):
    /// the total, when each role's last process went, and what was left.
    /// </summary>
    public async Task<StopResult> StopAsync(TimeSpan timeout)
    {
        var tree = LabProcesses.Of(_process.Id);
        var roles = tree.ToDictionary(p => p.Key, p => LabProcesses.Role(p.Value, p.Key, _process.Id));
        var gone = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        ProcessTree.Signal(_process.Id, ProcessTree.SigTerm);
        var left = ProcessTree.Alive(tree);
        while (left.Count > 0 && clock.Elapsed < timeout)
        {
            foreach (var role in roles.Values.Distinct().Where(r => !gone.ContainsKey(r) && !left.Keys.Any(pid => roles[pid] == r)))
            {
                gone[role] = clock.Elapsed;
            }

            await Task.Delay(10);
            left = ProcessTree.Alive(tree);
        }

        var total = clock.Elapsed;
        foreach (var role in roles.Values.Distinct().Where(r => !gone.ContainsKey(r) && !left.Keys.Any(pid => roles[pid] == r)))
        {
            gone[role] = total;
        }

        return new StopResult(total, gone, left.Values.ToList());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    public string Tail(int lines) => string.Join('\n', _lines.TakeLast(lines).Select(l => l.Line));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var at = _sinceSpawn.Elapsed;
        _lines.Enqueue((at, line));
        foreach (var (pattern, wait) in _waits)
        {
            if (pattern.IsMatch(line))
            {
                wait.TrySetResult(at);
            }
        }
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

/// <summary>A stop: SIGTERM → no process left, when each role's last process went, and what outlived the timeout.</summary>
internal sealed record StopResult(TimeSpan Total, IReadOnlyDictionary<string, TimeSpan> GoneByRole, IReadOnlyList<string> Left);
