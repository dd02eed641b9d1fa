namespace TracingLab.Contracts.LinksFeed;

/// <summary>The answer of the dashboard's <c>GET /api/links</c>: the relays now and their flow records.</summary>
public sealed record LinksSnapshot(IReadOnlyList<RelaySnapshot> Relays, IReadOnlyList<FlowRecord> Flows);
