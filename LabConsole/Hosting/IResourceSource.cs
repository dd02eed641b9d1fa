namespace TracingLab.Dashboard;

/// <summary>
/// Where the Resources page gets its processes from. The AppHost implements it; a standalone dashboard derives
/// resources from the telemetry it receives.
/// </summary>
public interface IResourceSource
{
    IReadOnlyList<ResourceSnapshot> GetResources();

    /// <summary>A snapshot of the resource's bounded console buffer, oldest line first.</summary>
    IReadOnlyList<ConsoleLine> GetConsole(string resourceName);

    /// <summary>Raised when a state, health or console buffer changed.</summary>
    event Action? Changed;
}
