using Amazon.CDK.AWS.EC2;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="LabNetwork"/>.</summary>
public sealed class LabNetworkProps
{
    /// <summary>Enabled links.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>CIDR of each service's VPC.</summary>
    public required IReadOnlyDictionary<LabService, Ipv4Cidr> Cidrs { get; init; }

    /// <summary>The region's S3 managed prefix list id.</summary>
    public required string S3PrefixListId { get; init; }

    /// <summary>CIDRs outside the lab allowed to service A's ALB (port 80). Default none.</summary>
    public IReadOnlyList<Ipv4Cidr> ClientCidrs { get; init; } = [];

    /// <summary>AZ ids used by every VPC.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>NAT gateways per VPC. Default 0.</summary>
    public int NatGateways { get; init; }

    /// <summary>How each provider registers into its NLBs. Default: B by IP (EKS pods), C by instance (EC2).</summary>
    public IReadOnlyDictionary<LabService, Amazon.CDK.AWS.ElasticLoadBalancingV2.TargetType> TargetTypes { get; init; } =
        new Dictionary<LabService, Amazon.CDK.AWS.ElasticLoadBalancingV2.TargetType>
        {
            [LabService.B] = Amazon.CDK.AWS.ElasticLoadBalancingV2.TargetType.IP,
            [LabService.C] = Amazon.CDK.AWS.ElasticLoadBalancingV2.TargetType.INSTANCE,
        };

    /// <summary>Interface endpoints a VPC needs beyond the base set, per service. Default none.</summary>
    public IReadOnlyDictionary<LabService, IReadOnlyList<(string Id, InterfaceVpcEndpointAwsService Service)>> ExtraEndpoints { get; init; } =
        new Dictionary<LabService, IReadOnlyList<(string Id, InterfaceVpcEndpointAwsService Service)>>();
}
