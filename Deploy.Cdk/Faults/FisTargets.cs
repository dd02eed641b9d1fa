namespace TracingLab.Deploy.Faults;

/// <summary>
/// What the FIS templates act on, resolved from the deployed stack: subnets and endpoints per link, the workloads'
/// identifiers, and the names callers resolve per link. Tokens are fine in every field.
/// </summary>
public sealed record FisTargets
{
    /// <summary>Per routed link (tgw, peering): the ARNs of the providers' ingress subnets, which hold only that link's NLBs.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> LinkSubnetArns { get; init; }

    /// <summary>Per PrivateLink: the ARNs of the consumers' interface endpoints.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> LinkEndpointArns { get; init; }

    /// <summary>Per link: the provider host names service A calls over it (B and C).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> ServiceAHosts { get; init; }

    /// <summary>Per link: the provider host names service B calls over it (C).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> ServiceBHosts { get; init; }

    /// <summary>Service A's ECS cluster name.</summary>
    public required string EcsCluster { get; init; }

    /// <summary>Service A's ECS service name.</summary>
    public required string EcsService { get; init; }

    /// <summary>Service B's EKS cluster name.</summary>
    public required string EksCluster { get; init; }

    /// <summary>Service B's namespace.</summary>
    public required string EksNamespace { get; init; }

    /// <summary>Label selector of service B's pods, <c>key=value</c>.</summary>
    public required string EksPodSelector { get; init; }

    /// <summary>The Kubernetes service account the FIS pod runs as (its RBAC: <see cref="EksFaultInjection"/>).</summary>
    public required string EksServiceAccount { get; init; }

    /// <summary>Tag key and value on service C's instances.</summary>
    public required (string Key, string Value) Ec2Tag { get; init; }

    /// <summary>CIDRs of service C's callers (VPC A and B): what C's responses go to.</summary>
    public required IReadOnlyList<string> Ec2CallerCidrs { get; init; }

    /// <summary>
    /// CIDRs service C's calls arrive from, as its instances see them: the links' NLBs forward without the client's
    /// address (PreserveClientIp off), so from VPC C's own subnets; Lattice's from its link-local range; plus VPC A and
    /// B. What the lab's own documents (reset, bandwidth) aim at.
    /// </summary>
    public IReadOnlyList<string> Ec2PeerCidrs { get; init; } = [];

    /// <summary>ARNs of the lab's own SSM documents on service C (<see cref="ServiceCFaultDocuments"/>), by kind. Default none.</summary>
    public IReadOnlyDictionary<Contracts.Faults.FaultKind, string> Ec2DocumentArns { get; init; } =
        new Dictionary<Contracts.Faults.FaultKind, string>();

    /// <summary>ARN prefix of AWS-owned SSM documents in the stack's region: <c>arn:aws:ssm:us-east-1::document/</c>.</summary>
    public required string SsmDocumentArnPrefix { get; init; }

    /// <summary>The port every service listens on.</summary>
    public required int ServicePort { get; init; }
}
