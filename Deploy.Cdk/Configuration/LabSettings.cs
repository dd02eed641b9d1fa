namespace TracingLab.Deploy.Configuration;

/// <summary>Everything the app decides at synthesis time, validated once by <see cref="LabContext"/>.</summary>
public sealed record LabSettings
{
    /// <summary>Enabled links, in documentation order (tgw, peering, privatelink). Default: peering only.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>AWS region to deploy to. Default: <c>CDK_DEFAULT_REGION</c>, else us-east-1.</summary>
    public required string Region { get; init; }

    /// <summary>Account, when the CDK CLI knows it (<c>CDK_DEFAULT_ACCOUNT</c>); null keeps the stack account-agnostic.</summary>
    public string? Account { get; init; }

    /// <summary>Availability zone ids every VPC uses (e.g. use1-az1, use1-az2): 2 (default) or 3, all EKS-supported.</summary>
    public required IReadOnlyList<string> AzIds { get; init; }

    /// <summary>The region's S3 managed prefix list: the only S3 destination the workload security groups allow.</summary>
    public required string S3PrefixListId { get; init; }

    /// <summary>Availability zones per VPC.</summary>
    public int AzCount => AzIds.Count;

    /// <summary>VPC A's CIDR (service A, consumer). Default 10.10.0.0/16.</summary>
    public required Ipv4Cidr CidrA { get; init; }

    /// <summary>VPC B's CIDR (service B, consumer and provider). Default 10.20.0.0/16.</summary>
    public required Ipv4Cidr CidrB { get; init; }

    /// <summary>VPC C's CIDR (service C, provider). Default 10.30.0.0/16.</summary>
    public required Ipv4Cidr CidrC { get; init; }

    /// <summary>NAT gateways per VPC. Default 0: workloads reach AWS APIs through VPC endpoints instead.</summary>
    public required int NatGateways { get; init; }

    /// <summary>Tag of the service images in the lab's ECR repositories: <c>imageTag</c>, else the build's git commit.</summary>
    public required string ImageTag { get; init; }

    /// <summary>CIDRs allowed to reach service A's ALB. Default none: the ALB is reachable only from inside VPC A.</summary>
    public IReadOnlyList<Ipv4Cidr> AllowedIngressCidrs { get; init; } = [];

    /// <summary>Email subscribed to the SLO alarm topic. Default none (the topic exists without subscriptions).</summary>
    public string? AlarmEmail { get; init; }

    /// <summary>IAM role or user ARN given cluster-admin through an access entry. Default none: the stack creates a role.</summary>
    public string? EksAdminArn { get; init; }

    /// <summary>How the collectors send traces. Default <see cref="TraceExport.Otlp"/> (X-Ray OTLP endpoint, Transaction Search).</summary>
    public TraceExport TraceExport { get; init; } = TraceExport.Otlp;

    /// <summary>Percent of spans Transaction Search indexes as trace summaries (0-100). Default 1, AWS's free share.</summary>
    public double TraceIndexPercent { get; init; } = LabContext.DefaultTraceIndexPercent;

    /// <summary>True when the link is enabled.</summary>
    public bool Has(LinkKind link) => Links.Contains(link);
}
