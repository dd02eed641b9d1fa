using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TracingLab.Relay;

namespace TracingLab.AppHost.Links;

/// <summary>
/// Hosts the links' relays in the AppHost: collects every call the links carry (consumer → provider) while the
/// topology is declared, starts their <see cref="RelayGroup"/> before any service starts (so each consumer's
/// environment can name its relays) and stops it with the AppHost.
/// </summary>
public sealed class LinkRelayHost(IReadOnlyList<string> links, LinkProfileSet profiles) : IHostedService, IAsyncDisposable
{
    private readonly List<(string Consumer, string Provider, Func<int> ProviderPort)> _calls = [];

    /// <summary>The enabled links, in order (the first is each caller's default).</summary>
    public IReadOnlyList<string> Links { get; } = links;

    /// <summary>The latency profiles the relays start with.</summary>
    public LinkProfileSet Profiles { get; } = profiles;

    /// <summary>The running relays, or null before the lab starts.</summary>
    public RelayGroup? Relays { get; private set; }

    /// <summary>The experiment the links play (--experiment), or null without one.</summary>
    public ExperimentRunner? Experiment { get; init; }

    /// <summary>Adds a call from <paramref name="consumer"/> to <paramref name="provider"/>, which listens on <paramref name="providerPort"/>.</summary>
    public void AddCall(string consumer, string provider, Func<int> providerPort)
    {
        if (!_calls.Any(c => c.Consumer == consumer && c.Provider == provider))
        {
            _calls.Add((consumer, provider, providerPort));
        }
    }

    /// <summary>
    /// Starts one relay per call and link. The services that take part in calls, by name, order the emulated NLB
    /// addresses (servicea 127.0.1.1, serviceb 127.0.1.2, servicec 127.0.1.3). Each relay logs to
    /// <paramref name="logFor"/>(its link); a warning also goes to <paramref name="console"/>.
    /// </summary>
    public RelayGroup Start(Func<string, ILogger> logFor, TextWriter console)
    {
        var services = _calls.SelectMany(c => new[] { c.Consumer, c.Provider }).Distinct().ToList();
        if (Relays is not null)
        {
            return Relays;
        }

        var edges = _calls.Select(c => (c.Consumer, c.Provider, new IPEndPoint(IPAddress.Loopback, c.ProviderPort())));
        Relays = RelayGroup.Start(services, edges, Links, Profiles.Profiles, TimeProvider.System, logFor);
        if (Relays.Warning is { } warning)
        {
            console.WriteLine(warning);
        }

        return Relays;
    }

    /// <summary>The URL <paramref name="consumer"/> uses for <paramref name="provider"/> over <paramref name="link"/>.</summary>
    public Uri UrlOf(string consumer, string provider, string link) =>
        (Relays ?? throw new InvalidOperationException("The link relays start before the services; none is running yet."))
            .UrlOf(consumer, provider, link);

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <summary>Stops every relay.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Relays is { } relays)
        {
            await relays.DisposeAsync().ConfigureAwait(false);
        }
    }
}
