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

    /// <summary>How the collector sends traces (<c>-c traceExport</c>).</summary>
    public required TraceExport TraceExport { get; init; }

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

    /// <summary>
    /// Kubernetes version. Default 1.35: in EKS standard support until 2027-03-27 (endoflife.date/amazon-eks; 1.34's
    /// ended 2026-12-02, after which a cluster is billed extended support, $0.60/h instead of $0.10/h). The L1
    /// <c>AWS::EKS::Cluster</c> takes any string; EKS itself refuses versions it does not offer.
    /// </summary>
    public string KubernetesVersion { get; init; } = "1.35";

    /// <summary>
    /// Destinations the VPC CNI must not SNAT to the node: the provider VPCs B calls over routed links, so callees and
    /// their flow logs see the pod's own address and its own ephemeral port. Default none (everything leaving VPC B is
    /// SNATed to the node, with a random port in 1024-65535).
    /// </summary>
    public IReadOnlyList<string> SnatExcludedCidrs { get; init; } = [];

    /// <summary>Prepare service B's namespace for AWS FIS's pod network actions (<see cref="Kubernetes.ServiceBManifestsProps.FaultInjection"/>). Default false.</summary>
    public bool FaultInjection { get; init; }

    /// <summary>Node instance type. Default t3.medium.</summary>
    public string InstanceType { get; init; } = "t3.medium";
}
