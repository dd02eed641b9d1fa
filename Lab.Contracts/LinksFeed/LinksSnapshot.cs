namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// The answer of the AppHost's links feed (<c>GET /links</c>, served to the lab console's <c>GET /api/links</c>): the
/// relays now, their flow records and, when the lab runs one, the experiment with its fault windows. Fields are only
/// ever added, each with a default, so an older reader keeps working.
/// </summary>
/// <param name="Relays">Every relay as it is now, with its active faults.</param>
/// <param name="Flows">The flow records asked for, VPC Flow Logs shaped.</param>
/// <param name="FaultWindows">
/// The faults of this run with their times (JSON <c>faultWindows</c>): an experiment's timeline, past and scheduled;
/// null when the writer keeps none. Readers infer a window (<see cref="FaultWindow.Observed"/>) for an active fault no
/// listed window covers, e.g. one set from the dashboard or <c>--link-faults</c>.
/// </param>
/// <param name="Experiment">The experiment the lab runs (<c>--experiment</c>), or null without one.</param>
public sealed record LinksSnapshot(
    IReadOnlyList<RelaySnapshot> Relays,
    IReadOnlyList<FlowRecord> Flows,
    IReadOnlyList<FaultWindow>? FaultWindows = null,
    ExperimentSnapshot? Experiment = null);
