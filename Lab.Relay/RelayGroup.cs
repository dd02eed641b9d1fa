using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TracingLab.Contracts.Links;
using TracingLab.Contracts.LinksFeed;
using TracingLab.Relay.Lattice;

namespace TracingLab.Relay;

/// <summary>
/// Every relay of the lab: one per (consumer, provider, enabled link). It feeds the lab console's Links page, and it
/// tells service discovery where each consumer reaches each provider over each link.
/// </summary>
public sealed partial class RelayGroup : IAsyncDisposable
{
    private readonly Dictionary<(string Consumer, string Provider, string Link), TcpRelay> _byKey;
    private readonly IReadOnlyList<LatticeHop> _hops;

    private RelayGroup(IReadOnlyList<TcpRelay> relays, IReadOnlyList<LatticeHop> hops, FlowStore flows, string? warning)
    {
        Relays = relays;
        _hops = hops;
        Flows = flows;
        Warning = warning;
        _byKey = relays.ToDictionary(r => (r.Spec.Consumer, r.Spec.Provider, r.Spec.Link));
    }

    /// <summary>The relays, in the order they were planned.</summary>
    public IReadOnlyList<TcpRelay> Relays { get; }

    /// <summary>The flow records of every relay.</summary>
    public FlowStore Flows { get; }

    /// <summary>Set when privatelink or lattice could not bind its addresses and fell back to 127.0.0.1.</summary>
    public string? Warning { get; }

    /// <summary>
    /// Starts a relay per consumer → provider edge in <paramref name="edges"/> and per link in <paramref name="links"/>.
    /// Each provider's emulated NLB gets 127.0.1.n, n being its 1-based position among <paramref name="services"/>
    /// sorted by name (servicea 127.0.1.1, serviceb 127.0.1.2, servicec 127.0.1.3), and lattice's address to it
    /// 127.0.171.n likewise. A lattice relay gets a <see cref="LatticeHop"/> in front, which its consumers reach. Each
    /// relay logs to <paramref name="logFor"/>(its link).
    /// </summary>
    public static RelayGroup Start(
        IReadOnlyList<string> services,
        IEnumerable<(string Consumer, string Provider, IPEndPoint Target)> edges,
        IReadOnlyList<string> links,
        IReadOnlyDictionary<string, LinkProfile> profiles,
        TimeProvider? time = null,
        Func<string, ILogger>? logFor = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(profiles);
        ILogger Log(string link) => logFor?.Invoke(link) ?? NullLogger.Instance;
        var ordered = services.Order(StringComparer.Ordinal).ToList();
        var nlbs = ordered.ToDictionary(s => s, s => new IPAddress([127, 0, 1, (byte)(ordered.IndexOf(s) + 1)]), StringComparer.Ordinal);
        string? warning = null;
        if (links.Contains(LinkNames.PrivateLink) && nlbs.Values.FirstOrDefault(a => !CanBind(a)) is { } unbindable)
        {
            // macOS only routes 127.0.0.1 on lo0 unless aliases are added; the provider then sees 127.0.0.1.
            warning = $"WARNING: privatelink cannot bind its emulated NLB address {unbindable} on this machine, so providers see " +
                "127.0.0.1 over privatelink instead of a distinct address (macOS: `sudo ifconfig lo0 alias 127.0.1.1 up`, and .2, .3). " +
                "See docs/links.md.";
            LogNlbFallback(Log(LinkNames.PrivateLink), warning);
            nlbs = nlbs.ToDictionary(p => p.Key, _ => IPAddress.Loopback, StringComparer.Ordinal);
        }

        var lattice = ordered.ToDictionary(s => s, s => LatticeIdentity.AddressFor(ordered.IndexOf(s) + 1), StringComparer.Ordinal);
        if (links.Contains(LinkNames.Lattice) && lattice.Values.FirstOrDefault(a => !CanBind(a)) is { } unbound)
        {
            var latticeWarning = $"WARNING: lattice cannot bind its address {unbound} (standing for 169.254.171.x) on this machine, so " +
                "providers see 127.0.0.1 over lattice (macOS: `sudo ifconfig lo0 alias 127.0.171.1 up`, and .2, .3). See docs/links.md.";
            LogNlbFallback(Log(LinkNames.Lattice), latticeWarning);
            warning = warning is null ? latticeWarning : warning + Environment.NewLine + latticeWarning;
            lattice = lattice.ToDictionary(p => p.Key, _ => IPAddress.Loopback, StringComparer.Ordinal);
        }

        var flows = new FlowStore();
        List<TcpRelay> relays = [];
        List<LatticeHop> hops = [];
        try
        {
            foreach (var (consumer, provider, target) in edges)
            {
                foreach (var link in links)
                {
                    var spec = RelaySpec.For(
                        link, consumer, provider, target, profiles[link], nlbs.GetValueOrDefault(provider, IPAddress.Loopback),
                        lattice.GetValueOrDefault(provider, IPAddress.Loopback));
                    var relay = TcpRelay.Start(spec, time, flows, Log(link));
                    relays.Add(relay);
                    if (link == LinkNames.Lattice)
                    {
                        // Kestrel binds its socket within StartAsync and nothing here holds a synchronization context.
                        hops.Add(LatticeHop.StartAsync(relay, Log(link)).GetAwaiter().GetResult());
                    }
                }
            }
        }
        catch
        {
            foreach (var hop in hops)
            {
                hop.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            foreach (var relay in relays)
            {
                relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        return new RelayGroup(relays, hops, flows, warning);
    }

    /// <summary>The URL <paramref name="consumer"/> uses to reach <paramref name="provider"/> over <paramref name="link"/>.</summary>
    public Uri UrlOf(string consumer, string provider, string link) =>
        _byKey.TryGetValue((consumer, provider, link), out var relay)
            ? relay.Url
            : throw new KeyNotFoundException($"No relay for {consumer}→{provider} over '{link}'.");

    /// <summary>Every relay, as it is now.</summary>
    public IReadOnlyList<RelaySnapshot> GetRelays() => [.. Relays.Select(r => r.Snapshot())];

    /// <summary>Flow records whose window ends at or after <paramref name="since"/> (all when null), open connections included.</summary>
    public IReadOnlyList<FlowRecord> GetFlows(DateTimeOffset? since = null) => Flows.Get(since);

    /// <summary>Stops every relay.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var hop in _hops)
        {
            await hop.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var relay in Relays)
        {
            await relay.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool CanBind(IPAddress address)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogNlbFallback(ILogger logger, string warning);
}
