using Aspire.Hosting.ApplicationModel;

namespace TracingLab.AppHost.Links;

/// <summary>What <c>AddLinks</c> returns: the lab's link resources and the host of their relays.</summary>
public sealed class LinkResources(IReadOnlyList<IResourceBuilder<LinkResource>> resources, LinkRelayHost relayHost)
{
    /// <summary>One resource per enabled link, in the order of the links.</summary>
    public IReadOnlyList<IResourceBuilder<LinkResource>> Resources { get; } = resources;

    /// <summary>The calls the links carry and their relays.</summary>
    public LinkRelayHost RelayHost { get; } = relayHost;
}
