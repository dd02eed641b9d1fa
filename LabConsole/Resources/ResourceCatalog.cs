using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Resources;

/// <summary>A resource as the UI and API show it: the process view (from the AppHost or telemetry) plus its telemetry counts.</summary>
public sealed record ResourceView(ResourceSnapshot Snapshot, ResourceStats? Telemetry);

/// <summary>Joins the resource source with the telemetry store by name.</summary>
public sealed class ResourceCatalog(IResourceSource source, TelemetryStore store)
{
    public IResourceSource Source => source;

    public IReadOnlyList<ResourceView> GetResources()
    {
        var stats = store.GetResourceStats().ToDictionary(s => s.Name, StringComparer.Ordinal);
        var snapshots = source.GetResources();
        var views = snapshots.Select(s => new ResourceView(s, stats.GetValueOrDefault(s.Name))).ToList();
        var known = snapshots.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        views.AddRange(stats.Values.Where(s => !known.Contains(s.Name)).Select(s => new ResourceView(
            new ResourceSnapshot(s.Name, "Telemetry", "Reporting", "Unknown", [], 0, null, null, new Dictionary<string, string>()), s)));
        return views;
    }
}
