using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Kubernetes;

/// <summary>Inputs of <see cref="ServiceBManifests"/>; all plain strings known at synthesis time.</summary>
public sealed class ServiceBManifestsProps
{
    /// <summary>Service B's image (ECR, tagged).</summary>
    public required string AppImage { get; init; }

    /// <summary>ADOT collector image (through the pull-through cache).</summary>
    public required string CollectorImage { get; init; }

    /// <summary>AWS for Fluent Bit image (through the pull-through cache).</summary>
    public required string FluentBitImage { get; init; }

    /// <summary>Region (exporters, Fluent Bit).</summary>
    public required string Region { get; init; }

    /// <summary>EKS cluster name, reported as <c>k8s.cluster.name</c>.</summary>
    public required string ClusterName { get; init; }

    /// <summary>Enabled links.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>The collector's YAML config.</summary>
    public required string CollectorConfig { get; init; }

    /// <summary>Fluent Bit's config.</summary>
    public required string FluentBitConfig { get; init; }

    /// <summary>Namespace of everything. Default <c>tracinglab</c>.</summary>
    public string Namespace { get; init; } = "tracinglab";

    /// <summary>
    /// Prepare service B's namespace for AWS FIS's pod network actions: its service account and RBAC, and the namespace
    /// enforcing privileged (<see cref="Faults.EksFaultInjection"/>). Default false: the namespace enforces restricted.
    /// </summary>
    public bool FaultInjection { get; init; }

    /// <summary>Replicas of service B at rest (the HPA minimum). Default 2.</summary>
    public int Replicas { get; init; } = 2;
}
