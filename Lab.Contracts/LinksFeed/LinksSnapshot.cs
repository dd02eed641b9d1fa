namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// The answer of the AppHost's links feed (<c>GET /links</c>): the relays now, their flow records and, when the lab
/// runs one, the experiment with its fault windows. Fields are only ever added, each with a default, so an older
/// reader keeps working.
/// </summary>
/// <param name="Relays">Every relay as it is now, its active faults included.</param>
/// <param name="Flows">Flow records, VPC Flow Logs shaped.</param>
/// <param name="Experiment">The experiment the lab runs (<c>--experiment</c>), or null without one.</param>
public sealed record LinksSnapshot(IReadOnlyList<RelaySnapshot> Relays, IReadOnlyList<FlowRecord> Flows, ExperimentSnapshot? Experiment = null);
