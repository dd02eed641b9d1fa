using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// The environment every lab service gets in AWS, in the same format Aspire uses locally, so the services never
/// know where they run: OTEL_* for the collector beside them, <c>services__{provider}__{link}__0</c> for discovery.
/// </summary>
public static class ServiceEnvironment
{
    /// <summary>The collector beside each service (sidecar on ECS, localhost on EC2).</summary>
    public const string LocalCollector = "http://localhost:4317";

    /// <summary>The application log group of a service.</summary>
    public static string LogGroupName(LabService service) => $"/tracinglab/{service.Name()}";

    /// <summary>Environment variables for <paramref name="service"/>.</summary>
    /// <param name="service">The service.</param>
    /// <param name="links">Enabled links: one discovery entry per provider and link.</param>
    /// <param name="otlpEndpoint">Where the collector listens (OTLP gRPC).</param>
    public static SortedDictionary<string, string> For(LabService service, IReadOnlyList<LinkKind> links, string otlpEndpoint = LocalCollector)
    {
        ArgumentNullException.ThrowIfNull(links);
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_HTTP_PORTS"] = LabTopology.ServicePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_SERVICE_NAME"] = service.Name(),
            // aws.log.group.names lets X-Ray link a trace to this service's logs.
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.namespace=tracinglab,deployment.environment.name=aws,aws.log.group.names={LogGroupName(service)}",
            // JSON lines for metric filters and Logs Insights; Error and Critical go to stderr, which each platform's
            // log router sends to a separate "errors" stream.
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            ["Logging__Console__LogToStandardErrorThreshold"] = "Error",
        };

        foreach (var provider in LabTopology.ProvidersOf(service))
        {
            foreach (var link in links)
            {
                env[LabTopology.DiscoveryVariable(provider, link)] = LabTopology.Url(provider, link);
            }
        }

        return env;
    }
}
