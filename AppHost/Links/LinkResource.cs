using Aspire.Hosting.ApplicationModel;
using TracingLab.Relay;

namespace TracingLab.AppHost.Links;

/// <summary>
/// One emulated link (tgw, peering, privatelink or lattice) as an Aspire resource: in the dashboard it shows its state
/// (On, Faulted or Off), its relays and active faults as properties, and commands to switch it off and on, to change its delay and to
/// inject and clear faults. The relays are plain TCP relays inside the AppHost process, so, like the real links, they
/// leave no span.
/// </summary>
/// <param name="name">The link's name, which is also the resource's: tgw, peering, privatelink or lattice.</param>
public sealed class LinkResource(string name) : Resource(name)
{
    /// <summary>The state text while the link carries traffic.</summary>
    public const string OnState = "On";

    /// <summary>The state text while the link carries traffic under faults (listed in its "Active faults" property).</summary>
    public const string FaultedState = "Faulted";

    /// <summary>The state text while the link is switched off.</summary>
    public const string OffState = "Off";

    /// <summary>This link's relays, one per consumer → provider call it carries, once the lab has started.</summary>
    public IReadOnlyList<TcpRelay> Relays { get; internal set; } = [];
}
