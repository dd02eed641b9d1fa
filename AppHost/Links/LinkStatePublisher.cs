using System.Collections.Immutable;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TracingLab.AppHost.Lab;
using TracingLab.Contracts.Faults;
using TracingLab.Relay;

namespace TracingLab.AppHost.Links;

/// <summary>
/// Starts the relays before the services and keeps each link resource's snapshot current in the Aspire dashboard:
/// its state (On, Faulted or Off), active faults and, per relay, caller → callee, listening address, delay ± jitter,
/// the source address the callee sees, connections and bytes each way.
/// </summary>
internal static partial class LinkStatePublisher
{
    /// <summary>How often open connections and bytes are republished (only when they changed).</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Starts the relays, puts <paramref name="faults"/> (from <c>--link-faults</c>) on them before any service can
    /// connect, publishes every link, and starts the experiment's timeline, if any, once <paramref name="readiness"/>
    /// says the whole lab is ready (so its first fault meets traffic, not a lab still starting).
    /// </summary>
    public static Task StartAsync(
        BeforeStartEvent e, LinkRelayHost network, IReadOnlyList<IResourceBuilder<LinkResource>> links, IReadOnlyList<LinkFault> faults,
        LabReadiness readiness, CancellationToken ct)
    {
        var loggers = e.Services.GetRequiredService<ResourceLoggerService>();
        var byName = links.ToDictionary(l => l.Resource.Name, l => l.Resource, StringComparer.Ordinal);
        var relays = network.Start(link => loggers.GetLogger(byName[link]), Console.Out);
        foreach (var link in links)
        {
            link.Resource.Relays = [.. relays.Relays.Where(r => r.Spec.Link == link.Resource.Name)];
        }

        foreach (var fault in faults)
        {
            // The options were checked against the enabled links (LabSettingsValidator).
            LinkFaultActions.Inject(byName[fault.Link].Relays, fault);
        }

        var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
        var lifetime = e.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        _ = RefreshAsync(notifications, [.. links.Select(l => l.Resource)], lifetime.ApplicationStopping);
        if (network.Experiment is { } experiment)
        {
            var log = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TracingLab");
            _ = RunExperimentAsync(experiment, readiness, byName, notifications, log, lifetime.ApplicationStopping);
        }

        return Task.WhenAll(links.Select(l => PublishAsync(notifications, l.Resource)));
    }

    private static async Task RunExperimentAsync(
        ExperimentRunner runner, LabReadiness readiness, Dictionary<string, LinkResource> links,
        ResourceNotificationService notifications, ILogger log, CancellationToken ct)
    {
        var experiment = runner.Experiment;
        try
        {
            await readiness.AllReady.WaitAsync(ct).ConfigureAwait(false);
            LogExperimentStarted(log, experiment.Name, experiment.Faults.Count, experiment.Length.TotalSeconds);
            await runner.RunAsync(link => links[link].Relays, link => PublishAsync(notifications, links[link]), ct).ConfigureAwait(false);
            LogExperimentEnded(log, experiment.Name);
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {Name} started: {Count} fault(s) over {Seconds} s; its windows are in the links feed and the Links page")]
    private static partial void LogExperimentStarted(ILogger logger, string name, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {Name} ended: its faults are cleared")]
    private static partial void LogExperimentEnded(ILogger logger, string name);

    /// <summary>Publishes <paramref name="link"/> as it is now.</summary>
    public static Task PublishAsync(ResourceNotificationService notifications, LinkResource link) =>
        notifications.PublishUpdateAsync(link, snapshot => Describe(snapshot, link));

    internal static CustomResourceSnapshot Describe(CustomResourceSnapshot snapshot, LinkResource link)
    {
        var relays = link.Relays;
        var on = relays.All(r => r.IsOn);
        var profile = relays.Count > 0 ? relays[0].Profile : null;
        var properties = ImmutableArray.CreateBuilder<ResourcePropertySnapshot>();
        properties.Add(new ResourcePropertySnapshot("link.state", on ? LinkResource.OnState : LinkResource.OffState) { DisplayName = "State" });
        if (profile is not null)
        {
            properties.Add(new ResourcePropertySnapshot("link.delay", $"{Ms(profile.DelayMs)} ± {Ms(profile.JitterMs)} ms one way")
            {
                DisplayName = "Added delay ± jitter",
            });
            properties.Add(new ResourcePropertySnapshot("link.profile.source", profile.Source) { DisplayName = "Profile source" });
        }

        var faults = relays.Count > 0 ? relays[0].Faults : [];
        properties.Add(new ResourcePropertySnapshot("link.faults", faults.Count == 0 ? "none" : string.Join("; ", faults.Select(f => f.Description)))
        {
            DisplayName = "Active faults",
        });

        foreach (var relay in relays)
        {
            var s = relay.Snapshot();
            properties.Add(new ResourcePropertySnapshot($"relay.{s.Consumer}.{s.Provider}", string.Create(CultureInfo.InvariantCulture,
                $"listens {s.ListenAddress} → {s.TargetAddress}; callee sees {s.SourceAddress}; {Ms(s.AddedDelayMs)} ± {Ms(s.JitterMs)} ms; " +
                $"{s.ActiveConnections} open of {s.Connections} connections; {s.BytesToProvider} B to callee, {s.BytesToConsumer} B back; path {string.Join(" → ", s.Path)}"))
            {
                DisplayName = $"{s.Consumer} → {s.Provider}",
            });
        }

        return snapshot with
        {
            ResourceType = "Link",
            State = (on, faults.Count) switch
            {
                (false, _) => new ResourceStateSnapshot(LinkResource.OffState, KnownResourceStateStyles.Warn),
                (true, 0) => new ResourceStateSnapshot(LinkResource.OnState, KnownResourceStateStyles.Success),
                _ => new ResourceStateSnapshot(LinkResource.FaultedState, KnownResourceStateStyles.Warn),
            },
            Properties = properties.ToImmutable(),
            Urls = [.. relays.Select(r => new UrlSnapshot($"{r.Spec.Consumer}→{r.Spec.Provider}", $"tcp://{r.ConsumerEndPoint}", IsInternal: false))],
        };
    }

    private static async Task RefreshAsync(ResourceNotificationService notifications, IReadOnlyList<LinkResource> links, CancellationToken ct)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                foreach (var link in links)
                {
                    var fingerprint = Fingerprint(link);
                    if (!last.TryGetValue(link.Name, out var seen) || seen != fingerprint)
                    {
                        last[link.Name] = fingerprint;
                        await PublishAsync(notifications, link).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }
    }

    /// <summary>
    /// What the link's snapshot shows, as one string: a change in it means a new publish. A relay snapshot's own
    /// text shows its lists (faults, path) as type names, so the faults are spelled out.
    /// </summary>
    internal static string Fingerprint(LinkResource link) => string.Join('|', link.Relays.Select(r =>
    {
        var s = r.Snapshot();
        return $"{s} {string.Join(';', (s.Faults ?? []).Select(f => f.Description))}";
    }));

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture);
}
