using Aspire.Hosting.ApplicationModel;

namespace TracingLab.AppHost.Lab;

/// <summary>
/// The lab's ports: the stable ones (services 5101–5103, the Aspire dashboard 18888–18890, the lab console 18880), or,
/// with <c>Lab:RandomPorts=true</c>, a free ephemeral port for each, for tests and benchmarks.
/// </summary>
public sealed class LabPorts(bool random)
{
    private readonly PortAllocator _allocator = new(random);

    /// <summary>True when every port is ephemeral.</summary>
    public bool Random { get; } = random;

    /// <summary>The port for an endpoint whose stable default is <paramref name="defaultPort"/>.</summary>
    public int For(int defaultPort) => _allocator.Next(defaultPort);

    /// <summary>The port a lab service listens on (its http endpoint is not proxied, so it is the service's own).</summary>
    public static int PortOf(IResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var http = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == "http");
        return http?.Port ?? throw new InvalidOperationException($"Resource '{resource.Name}' has no http endpoint with a port.");
    }
}
