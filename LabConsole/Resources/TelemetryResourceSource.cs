using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Resources;

/// <summary>
/// Standalone mode: without an AppHost, resources are the services that sent telemetry; their resource attributes
/// stand in for the environment, and there is no console.
/// </summary>
internal sealed class TelemetryResourceSource : IResourceSource, IDisposable
{
    private readonly TelemetryStore _store;
    private readonly TimeProvider _time;

    public TelemetryResourceSource(TelemetryStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _store.Changed += OnChanged;
    }

    public event Action? Changed;

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        var now = _time.GetUtcNow();
        return [.. _store.GetResourceStats().Select(stats =>
        {
            var instance = stats.Instances.Count > 0 ? stats.Instances[0] : null;
            var attributes = stats.Instances.SelectMany(i => i.Attributes)
                .GroupBy(a => a.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(a => a.DisplayValue).Distinct(StringComparer.Ordinal)), StringComparer.Ordinal);
            var pid = instance?.Attribute("process.pid");
            return new ResourceSnapshot(
                stats.Name,
                "Telemetry",
                now - stats.LastSeen < TimeSpan.FromMinutes(1) ? "Reporting" : "Silent",
                "Unknown",
                [],
                0,
                int.TryParse(pid, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null,
                null,
                attributes);
        })];
    }

    public IReadOnlyList<ConsoleLine> GetConsole(string resourceName) => [];

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged() => Changed?.Invoke();
}
