namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// The experiment the lab runs (<c>--experiment file.json</c>), as the links feed carries it, so the Links page can
/// draw its fault windows as bands on a timeline and the link comparison can tell calls inside a window from calls
/// outside. JSON (camelCase, ISO 8601 times):
/// <code>
/// "experiment": { "name": "tgw-blackhole", "description": "…", "startedAt": "2026-12-06T02:40:00+00:00",
///   "windows": [ { "link": "tgw", "kind": "blackhole", "direction": "both", "fault": "tgw=blackhole",
///                  "start": "2026-12-06T02:40:10+00:00", "end": "2026-12-06T02:40:40+00:00" } ] }
/// </code>
/// </summary>
/// <param name="Name">The experiment's name from its file.</param>
/// <param name="Description">What it shows, or null.</param>
/// <param name="StartedAt">
/// When its timeline started (once every lab resource was ready), or null while the lab is still starting.
/// </param>
/// <param name="Windows">Each fault's window in file order, with times; empty until <paramref name="StartedAt"/> is set.</param>
public sealed record ExperimentSnapshot(string Name, string? Description, DateTimeOffset? StartedAt, IReadOnlyList<FaultWindow> Windows);

/// <summary>One fault of an experiment and when it is active: from <see cref="Start"/> (applied) to <see cref="End"/> (cleared).</summary>
/// <param name="Link">tgw, peering, privatelink, …</param>
/// <param name="Kind">latency, jitter, loss, blackhole, reset or bandwidth.</param>
/// <param name="Direction">both, request (caller → callee) or response (callee → caller).</param>
/// <param name="Fault">The fault in the option text's form (docs/faults-grammar.md), e.g. <c>peering=latency:200ms@response</c>.</param>
/// <param name="Start">When the fault is applied.</param>
/// <param name="End">When it is cleared.</param>
public sealed record FaultWindow(string Link, string Kind, string Direction, string Fault, DateTimeOffset Start, DateTimeOffset End);
