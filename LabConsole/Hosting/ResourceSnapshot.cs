namespace TracingLab.Dashboard;

/// <summary>One resource as the AppHost sees it. Environment is unmasked; the UI masks secrets.</summary>
/// <param name="Health">Healthy, Unhealthy or Unknown.</param>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    string State,
    string Health,
    IReadOnlyList<string> Urls,
    int RestartCount,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, string> Environment);
