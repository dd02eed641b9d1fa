using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Topology;

/// <summary>A consumer calls a provider over every enabled link.</summary>
public readonly record struct Edge(LabService Consumer, LabService Provider);

/// <summary>Who calls whom, on which port, under which names. The single source of the lab's shape.</summary>
public static class LabTopology
{
    /// <summary>Every service listens on this port in AWS (containers, pods, the EC2 systemd unit, NLB listeners).</summary>
    public const int ServicePort = 8080;

    /// <summary>Private DNS zone, one per consumer VPC, holding <c>{service}.{link}</c> names.</summary>
    public const string DnsZone = "tracinglab.internal";

    /// <summary>Root of the SSM parameters that publish each provider's URL per link.</summary>
    public const string EndpointParameterRoot = "/tracinglab/endpoints";

    /// <summary>The call graph: A→B, A→C, B→C.</summary>
    public static IReadOnlyList<Edge> Edges { get; } =
        [new(LabService.A, LabService.B), new(LabService.A, LabService.C), new(LabService.B, LabService.C)];

    /// <summary>Services that something calls (B and C).</summary>
    public static IReadOnlyList<LabService> Providers { get; } = [LabService.B, LabService.C];

    /// <summary>Services that call something (A and B).</summary>
    public static IReadOnlyList<LabService> Consumers { get; } = [LabService.A, LabService.B];

    /// <summary>All three services.</summary>
    public static IReadOnlyList<LabService> All { get; } = [LabService.A, LabService.B, LabService.C];

    /// <summary>The service name used by OpenTelemetry and service discovery: servicea, serviceb, servicec.</summary>
    public static string Name(this LabService service) => "service" + service.ToString().ToLowerInvariant();

    /// <summary>Consumers of a provider.</summary>
    public static IEnumerable<LabService> ConsumersOf(LabService provider) =>
        Edges.Where(e => e.Provider == provider).Select(e => e.Consumer);

    /// <summary>Providers a consumer calls.</summary>
    public static IEnumerable<LabService> ProvidersOf(LabService consumer) =>
        Edges.Where(e => e.Consumer == consumer).Select(e => e.Provider);

    /// <summary>The DNS name a consumer resolves for a provider over a link.</summary>
    public static string HostName(LabService provider, LinkKind link) => $"{provider.Name()}.{link.Name()}.{DnsZone}";

    /// <summary>The URL a consumer calls: <c>http://servicec.peering.tracinglab.internal:8080</c>.</summary>
    public static string Url(LabService provider, LinkKind link) => $"http://{HostName(provider, link)}:{ServicePort}";

    /// <summary>SSM parameter holding <see cref="Url"/>: <c>/tracinglab/endpoints/{service}/{link}</c>.</summary>
    public static string ParameterName(LabService provider, LinkKind link) =>
        $"{EndpointParameterRoot}/{provider.Name()}/{link.Name()}";

    /// <summary>Aspire-style discovery variable: <c>services__servicec__peering__0</c>.</summary>
    public static string DiscoveryVariable(LabService provider, LinkKind link) =>
        $"services__{provider.Name()}__{link.Name()}__0";
}
