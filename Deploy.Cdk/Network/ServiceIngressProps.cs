using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="ServiceIngress"/>.</summary>
public sealed class ServiceIngressProps
{
    /// <summary>The provider's VPC.</summary>
    public required LabVpc Vpc { get; init; }

    /// <summary>The provider service behind this load balancer.</summary>
    public required LabService Service { get; init; }

    /// <summary>The link this load balancer serves; each link gets its own.</summary>
    public required LinkKind Link { get; init; }

    /// <summary>
    /// The consumers' VPCs: their workload subnets are allowed in and their workload groups allowed out to this NLB
    /// (routed links). Ignored for PrivateLink, whose traffic arrives through the endpoint service and is admitted by
    /// the consumer endpoint's security group instead. Default none.
    /// </summary>
    public IReadOnlyList<LabVpc> Consumers { get; init; } = [];

    /// <summary>How the workload registers: IP (EKS pods) or instance (EC2 Auto Scaling group). Default IP.</summary>
    public TargetType TargetType { get; init; } = TargetType.IP;
}
