using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Observability;

namespace TracingLab.Deploy.Workloads;

/// <summary>Props of <see cref="ServiceBOnEks"/>.</summary>
public sealed class ServiceBOnEksProps
{
    /// <summary>VPC B.</summary>
    public required LabVpc Vpc { get; init; }

    /// <summary>Enabled links.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>The lab's log groups (the control-plane group must exist before the cluster).</summary>
    public required LabLogs Logs { get; init; }

    /// <summary>Tag of <c>tracinglab/serviceb</c> to run.</summary>
    public required string ImageTag { get; init; }

    /// <summary>Account for image URIs in the manifests; null writes the placeholder <c>ACCOUNT_ID</c>.</summary>
    public string? ManifestAccount { get; init; }

    /// <summary>Region (manifests, exporters).</summary>
    public required string Region { get; init; }

    /// <summary>CIDRs allowed to reach the Kubernetes API publicly. Default none: private endpoint only.</summary>
    public IReadOnlyList<Ipv4Cidr> PublicApiCidrs { get; init; } = [];

    /// <summary>IAM principal given cluster-admin through an access entry. Default none.</summary>
    public string? AdminPrincipalArn { get; init; }

    /// <summary>Cluster name. Default <c>tracinglab</c>.</summary>
    public string ClusterName { get; init; } = "tracinglab";

    /// <summary>Kubernetes version. Default 1.34 (in EKS standard support in late 2026; raise it as EKS retires versions).</summary>
    public string KubernetesVersion { get; init; } = "1.34";

    /// <summary>Node instance type. Default t3.medium.</summary>
    public string InstanceType { get; init; } = "t3.medium";
}
