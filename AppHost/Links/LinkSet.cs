using Aspire.Hosting.ApplicationModel;

namespace TracingLab.AppHost.Links;

/// <summary>The lab's link resources, as <c>AddLinks</c> returns them, and the network their relays form.</summary>
public sealed class LinkSet(IReadOnlyList<IResourceBuilder<LinkResource>> resources, LinkNetwork network)
{
    /// <summary>One resource per enabled link, in the order of the links.</summary>
    public IReadOnlyList<IResourceBuilder<LinkResource>> Resources { get; } = resources;

    /// <summary>The calls the links carry and their relays.</summary>
    public LinkNetwork Network { get; } = network;
}
