namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// The experiment the lab runs (<c>--experiment file.json</c>), as the links feed carries it, so the Links page can
/// draw its fault windows as bands on a timeline and the link comparison can tell calls inside a window from calls
/// outside. JSON (camelCase, ISO 8601 times):
/// <code>
/// "experiment": { "name": "tgw-blackhole", "description": "…", "startedAt": "2026-12-06T02:40:00+00:00",
///   "windows": [ { "link": "tgw", "kind": "blackhole", "parameters": "", "direction": "both",
///                  "start": "2026-12-06T02:40:10+00:00", "end": "2026-12-06T02:40:40+00:00",
///                  "source": "experiment tgw-blackhole" } ] }
/// </code>
/// </summary>
/// <param name="Name">The experiment's name from its file.</param>
/// <param name="Description">What it shows, or null.</param>
/// <param name="StartedAt">
/// When its timeline started (once every lab resource was ready), or null while the lab is still starting.
/// </param>
/// <param name="Windows">
/// Each fault's window in file order, with times; empty until <paramref name="StartedAt"/> is set. The same windows are
/// in <see cref="LinksSnapshot.FaultWindows"/>.
/// </param>
public sealed record ExperimentSnapshot(string Name, string? Description, DateTimeOffset? StartedAt, IReadOnlyList<FaultWindow> Windows);
