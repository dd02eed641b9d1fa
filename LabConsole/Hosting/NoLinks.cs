using TracingLab.LinkCompare.Model;

namespace TracingLab.Dashboard;

/// <summary>The link source of a dashboard that runs without the AppHost: no relays, no flows.</summary>
internal sealed class NoLinks : ILinkSource
{
    public static readonly ILinkSource Instance = new NoLinks();

    public IReadOnlyList<RelaySnapshot> GetRelays() => [];

    public IReadOnlyList<FlowRecord> GetFlows(DateTimeOffset? since = null) => [];
}
