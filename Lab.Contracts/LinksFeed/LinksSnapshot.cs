namespace TracingLab.Contracts.LinksFeed;

/// <summary>The answer of the dashboard's <c>GET /api/links</c>: the relays now and their flow records.</summary>
/// <param name="Relays">Every relay as it is now, with its active faults.</param>
/// <param name="Flows">The flow records asked for.</param>
/// <param name="FaultWindows">
/// The faults of this run with their times (JSON <c>faultWindows</c>): an experiment's timeline, past and scheduled, and
/// any fault set from the options or the dashboard; null when the writer keeps none (readers then infer windows from
/// the relays' active faults as they poll).
/// </param>
public sealed record LinksSnapshot(
    IReadOnlyList<RelaySnapshot> Relays,
    IReadOnlyList<FlowRecord> Flows,
    IReadOnlyList<FaultWindow>? FaultWindows = null);
