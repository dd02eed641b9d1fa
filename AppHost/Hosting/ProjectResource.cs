namespace TracingLab.AppHost.Hosting;

/// <summary>A service of the lab: a built project run as its own process, with its references and dependencies.</summary>
public sealed class ProjectResource(string name, string assemblyName)
{
    private readonly List<ProjectResource> _references = [];
    private readonly List<ProjectResource> _waitFor = [];

    /// <summary>The resource's name: service discovery name, OTEL_SERVICE_NAME and console prefix.</summary>
    public string Name { get; } = name;

    /// <summary>The assembly the AppHost was built with, recorded by build/LabProjectPaths.targets.</summary>
    public string AssemblyName { get; } = assemblyName;

    /// <summary>Services this one calls: each becomes service discovery configuration.</summary>
    public IReadOnlyList<ProjectResource> References => _references;

    /// <summary>Services that must be running and healthy before this one starts.</summary>
    public IReadOnlyList<ProjectResource> Dependencies => _waitFor;

    /// <summary>This service calls <paramref name="provider"/>.</summary>
    public ProjectResource WithReference(ProjectResource provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _references.Add(provider);
        return this;
    }

    /// <summary>This service starts only once <paramref name="dependency"/> is running and its /health passes.</summary>
    public ProjectResource WaitFor(ProjectResource dependency)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        _waitFor.Add(dependency);
        return this;
    }
}
