using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace TracingLab.Testing;

/// <summary>
/// The AppHost running as a child process of the test, with every endpoint on an ephemeral port. Its start-up summary
/// gives the URLs; everything it printed is kept for failure messages. Disposing stops it (SIGINT, then kill).
/// </summary>
public sealed partial class LabProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, Uri> _services = new(StringComparer.Ordinal);

    private LabProcess(Process process) => _process = process;

    /// <summary>The AppHost's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The dashboard's UI (and telemetry API) base address.</summary>
    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The login URL with the browser token, when not anonymous.</summary>
    public Uri? LoginUrl { get; private set; }

    /// <summary>The telemetry API key printed by the AppHost, when not anonymous.</summary>
    public string? ApiKey { get; private set; }

    /// <summary>The services' base addresses by name.</summary>
    public IReadOnlyDictionary<string, Uri> Services => _services;

    /// <summary>The AppHost's output so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output.TakeLast(200));

    /// <summary>Whether the AppHost process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the AppHost built beside <paramref name="testAssembly"/> and waits for every service to be healthy.</summary>
    public static async Task<LabProcess> StartAsync(Assembly testAssembly, TimeSpan timeout, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        var appHost = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "lab-project:TracingLab.AppHost")?.Value
            ?? throw new InvalidOperationException("The test assembly records no AppHost path; reference AppHost with LabProject=\"true\".");
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(appHost)!,
        };
        start.ArgumentList.Add(appHost);
        start.ArgumentList.Add("--random-ports");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var lab = new LabProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        lab._process.OutputDataReceived += (_, e) => lab.OnLine(e.Data);
        lab._process.ErrorDataReceived += (_, e) => lab.OnLine(e.Data);
        lab._process.Start();
        lab._process.BeginOutputReadLine();
        lab._process.BeginErrorReadLine();
        try
        {
            await lab._summary.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await lab.DisposeAsync();
            throw new TimeoutException($"The AppHost printed no healthy start-up summary within {timeout}. It printed:\n{lab.Output}");
        }

        return lab;
    }

    /// <summary>Sends SIGINT, as Ctrl+C would, and waits for the AppHost to exit.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = SendSigInt(_process.Id, 2);
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await InterruptAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (DashboardLine().Match(line) is { Success: true } dashboard)
        {
            var url = new Uri(dashboard.Groups[1].Value);
            DashboardUrl = new Uri(url.GetLeftPart(UriPartial.Authority));
            LoginUrl = url.Query.Contains("t=", StringComparison.Ordinal) ? url : null;
        }
        else if (ApiKeyLine().Match(line) is { Success: true } key)
        {
            ApiKey = key.Groups[1].Value;
        }
        else if (ResourceLine().Match(line) is { Success: true } resource)
        {
            _services[resource.Groups[1].Value] = new Uri(resource.Groups[2].Value);
            if (_services.Count == 3 && resource.Groups[4].Value == "Healthy")
            {
                _summary.TrySetResult();
            }
        }
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [GeneratedRegex(@"^\s+Dashboard:\s+(http://\S+)")]
    private static partial Regex DashboardLine();

    [GeneratedRegex(@"^\s+Telemetry API key \(x-api-key\):\s+(\S+)")]
    private static partial Regex ApiKeyLine();

    [GeneratedRegex(@"^\s{2}(service[abc])\s+(http://\S+)\s+(\w+)\s+(\w+)\s*$")]
    private static partial Regex ResourceLine();

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSigInt(int pid, int signal);
}
