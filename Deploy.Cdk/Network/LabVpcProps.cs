using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="LabVpc"/>.</summary>
public sealed class LabVpcProps
{
    /// <summary>The VPC's CIDR, /16 to /18.</summary>
    public required Ipv4Cidr Cidr { get; init; }

    /// <summary>Availability zone ids, e.g. use1-az1 and use1-az2 (2 or 3 of them); subnets are placed by id.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>Id of the region's S3 managed prefix list (com.amazonaws.{region}.s3), the only S3 destination workloads may reach.</summary>
    public required string S3PrefixListId { get; init; }

    /// <summary>NAT gateways. Default 0: no public subnets, interface endpoints for the AWS APIs instead.</summary>
    public int NatGateways { get; init; }

    /// <summary>
    /// Whether the VPC hosts a provider service and so needs per-link ingress subnets (ingress-tgw, ingress-peering).
    /// Default false.
    /// </summary>
    public bool HostsProvider { get; init; }

    /// <summary>Interface endpoints beyond the base set (ECR api/dkr, Logs, X-Ray, STS, SSM). Default none.</summary>
    public IReadOnlyList<(string Id, InterfaceVpcEndpointAwsService Service)> ExtraInterfaceEndpoints { get; init; } = [];

    /// <summary>Flow log retention. Default one month.</summary>
    public RetentionDays FlowLogRetention { get; init; } = RetentionDays.ONE_MONTH;
}

/// <summary>The fixed subnet groups of every lab VPC. Their order fixes the CIDR layout, so it never changes.</summary>
public static class SubnetGroups
{
    /// <summary>Workload subnets (/20 per AZ): tasks, nodes, instances, interface endpoints.</summary>
    public const string Workload = "workload";

    /// <summary>Transit Gateway attachment subnets (/28 per AZ). Always present so toggling tgw never renumbers.</summary>
    public const string TgwAttachment = "tgw";

    /// <summary>Interface endpoint subnets (/26 per AZ), after the ingress groups so their CIDRs never move.</summary>
    public const string Endpoints = "endpoints";

    /// <summary>Public subnets for NAT gateways (/24 per AZ), last so adding NAT never renumbers the others.</summary>
    public const string Public = "public";

    /// <summary>Provider-side ingress subnets for a routed link (/26 per AZ): the link's NLB lives here.</summary>
    public static string Ingress(LinkKind link) => link.IsRouted()
        ? "ingress-" + link.Name()
        : throw new ArgumentOutOfRangeException(nameof(link), link, "Only routed links (tgw, peering) have ingress subnets.");
}
