using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;

namespace TracingLab.AppHost.Lab;

/// <summary>Marks a resource that <see cref="LabShutdown"/> stops before the AppHost exits.</summary>
internal sealed record StopFirstAnnotation : IResourceAnnotation;

/// <summary>
/// On SIGTERM or Ctrl+C, asks the lab's services to stop (SIGTERM to each service's process, which Aspire reports as the
/// resource's <c>executable.pid</c>) and waits for them before the AppHost exits. Otherwise the AppHost exits at once and
/// DCP stops everything together: the lab console (their OTLP intake) and the dashboard go first, and each service's
/// last export then waits out its timeout against a port that no longer answers. Only the services are marked: stopped
/// while the console is still up, a service flushes in milliseconds and exits (docs/benchmarks.md, start and stop).
/// DCP then finds them gone and stops the rest, the console with the dashboard.
/// </summary>
internal sealed class LabShutdown(DistributedApplicationModel model, ResourceNotificationService notifications) : IHostedService, IDisposable
{
    /// <summary>The longest the AppHost's exit waits for the services; DCP stops whatever is left after it.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    private const int SigTerm = 15;

    // The latest process id of each marked resource (replica), as Aspire reports it ("executable.pid", KnownProperties in
    // dotnet/aspire src/Shared/Model).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _watch = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = WatchAsync(_watch.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _watch.CancelAsync().ConfigureAwait(false);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // no SIGTERM to send: DCP stops the services as it would anyway
        }

        var processes = new List<Process>();
        foreach (var pid in _pids.Values.Where(pid => Kill(pid, SigTerm) == 0))
        {
            try
            {
                processes.Add(Process.GetProcessById(pid));
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync(limit.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Past the limit: DCP stops whatever is left with the rest.
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
        }
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        var marked = model.Resources.Where(r => r.Annotations.OfType<StopFirstAnnotation>().Any()).ToHashSet();
        try
        {
            await foreach (var e in notifications.WatchAsync(ct).ConfigureAwait(false))
            {
                if (marked.Contains(e.Resource)
                    && e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
                    && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    _pids[e.ResourceId] = pid;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public void Dispose() => _watch.Dispose();

    // DllImport, not LibraryImport: both arguments are blittable, so no marshalling stub is needed and the AppHost
    // stays free of unsafe code (the relay's native sleep lives in Lab.Relay).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
