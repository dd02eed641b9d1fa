using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TracingLab.AppHost.Restart;

/// <summary>
/// Watches the resources with an <see cref="AutoRestartAnnotation"/> through Aspire's resource notifications and,
/// when one crashes, runs Aspire's own start command for it after the back-off.
/// </summary>
internal sealed class AutoRestartService(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService logs,
    IHostApplicationLifetime lifetime,
    TimeProvider time) : BackgroundService
{
    /// <summary>The property that counts a resource's automatic restarts.</summary>
    public const string RestartsProperty = "lab.restarts";

    private readonly Dictionary<string, Watch> _watches = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                if (e.Resource.Annotations.OfType<AutoRestartAnnotation>().LastOrDefault() is { } policy)
                {
                    Observe(e, policy);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    private void Observe(ResourceEvent e, AutoRestartAnnotation policy)
    {
        var state = e.Snapshot.State?.Text;
        if (!_watches.TryGetValue(e.ResourceId, out var watch))
        {
            _watches[e.ResourceId] = watch = new Watch();
        }

        if (state == KnownResourceStates.Running)
        {
            if (!watch.Running)
            {
                watch.Running = true;
                watch.StartedAt = time.GetUtcNow();
            }

            watch.Stopping = false;
            return;
        }

        if (state == KnownResourceStates.Stopping)
        {
            // Stopped on purpose (the dashboard's Stop, or the AppHost shutting down): not a crash.
            watch.Stopping = true;
            return;
        }

        if (!KnownResourceStates.TerminalStates.Contains(state) || !watch.Running)
        {
            return;
        }

        watch.Running = false;
        var crashed = !watch.Stopping && e.Snapshot.ExitCode is not 0 && !lifetime.ApplicationStopping.IsCancellationRequested;
        if (!crashed)
        {
            return;
        }

        watch.InARow = time.GetUtcNow() - watch.StartedAt > AutoRestartAnnotation.StableAfter ? 1 : watch.InARow + 1;
        watch.Restarts++;
        _ = RestartAsync(e.Resource, e.ResourceId, policy.DelayFor(watch.InARow), watch.Restarts, e.Snapshot.ExitCode);
    }

    private async Task RestartAsync(IResource resource, string resourceId, TimeSpan delay, int restarts, int? exitCode)
    {
        var log = logs.GetLogger(resourceId);
        var stopping = lifetime.ApplicationStopping;
        try
        {
            log.LogWarning("{Resource} exited with code {ExitCode}; restart {Restarts} in {Delay:0.0} s (auto-restart).", resource.Name, exitCode?.ToString() ?? "unknown", restarts, delay.TotalSeconds);
            await notifications.PublishUpdateAsync(resource, resourceId, s => s with
            {
                Properties = [.. s.Properties.Where(p => p.Name != RestartsProperty), new ResourcePropertySnapshot(RestartsProperty, restarts) { DisplayName = "Automatic restarts" }],
            }).ConfigureAwait(false);
            await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stopping).ConfigureAwait(false);
            if (!result.Success)
            {
                log.LogError("Auto-restart of {Resource} failed: {Error}", resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping; nothing to restart.
        }
    }

    private sealed class Watch
    {
        public bool Running { get; set; }

        public bool Stopping { get; set; }

        public DateTimeOffset StartedAt { get; set; }

        public int InARow { get; set; }

        public int Restarts { get; set; }
    }
}
