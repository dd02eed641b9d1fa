using TracingLab.Dashboard;

namespace TracingLab.AppHost.Hosting;

/// <summary>What the dashboard's Resources page and <c>/api/telemetry/resources</c> show: the supervised processes.</summary>
public sealed class LabResourceSource : IResourceSource
{
    private readonly IReadOnlyList<ProcessSupervisor> _supervisors;

    /// <summary>Watches <paramref name="supervisors"/>.</summary>
    public LabResourceSource(IReadOnlyList<ProcessSupervisor> supervisors)
    {
        _supervisors = supervisors;
        foreach (var supervisor in supervisors)
        {
            supervisor.Changed += () => Changed?.Invoke();
        }
    }

    /// <inheritdoc />
    public event Action? Changed;

    /// <inheritdoc />
    public IReadOnlyList<ResourceSnapshot> GetResources() =>
        [.. _supervisors.Select(s => new ResourceSnapshot(
            s.Resource.Name, "Project", s.State, s.Health, [s.Url.GetLeftPart(UriPartial.Authority)], s.RestartCount, s.ProcessId,
            s.StartedAt, s.Environment))];

    /// <inheritdoc />
    public IReadOnlyList<ConsoleLine> GetConsole(string resourceName) =>
        _supervisors.FirstOrDefault(s => s.Resource.Name == resourceName)?.Console.Snapshot() ?? [];
}
