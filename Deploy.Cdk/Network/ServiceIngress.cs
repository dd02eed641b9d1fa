using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// A provider's internal NLB for one link: its own subnets, security group, TCP listener on the service port and a
/// target group the workload registers into. One per (provider, link), so links never share a destination.
/// </summary>
public sealed class ServiceIngress : Construct
{
    public ServiceIngress(Construct scope, string id, ServiceIngressProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Service = props.Service;
        Link = props.Link;
        var vpc = props.Vpc.Vpc;
        var port = LabTopology.ServicePort;

        SecurityGroup = new SecurityGroup(this, "Sg", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = $"NLB of {props.Service.Name()} over {props.Link.Name()}",
            AllowAllOutbound = false,
        });
        if (props.Link.IsRouted())
        {
            foreach (var subnet in props.Consumers.SelectMany(c => c.WorkloadSubnets))
            {
                SecurityGroup.AddIngressRule(Peer.Ipv4(subnet.Ipv4CidrBlock), Port.Tcp(port), "Consumer workload subnet");
            }

            foreach (var consumer in props.Consumers)
            {
                foreach (var subnet in props.Vpc.IngressSubnets(props.Link))
                {
                    consumer.WorkloadSecurityGroup.AddEgressRule(Peer.Ipv4(subnet.Ipv4CidrBlock), Port.Tcp(port),
                        $"{props.Service.Name()} over {props.Link.Name()}");
                }
            }
        }

        SecurityGroup.AddEgressRule(props.Vpc.WorkloadSecurityGroup, Port.Tcp(port), "To the workload");
        props.Vpc.WorkloadSecurityGroup.AddIngressRule(SecurityGroup, Port.Tcp(port), $"From the {props.Link.Name()} NLB");

        LoadBalancer = new NetworkLoadBalancer(this, "Nlb", new NetworkLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = false,
            VpcSubnets = new SubnetSelection { Subnets = props.Vpc.IngressSubnets(props.Link).ToArray() },
            SecurityGroups = [SecurityGroup],
            CrossZoneEnabled = true,
            // PrivateLink traffic is admitted by the consumer endpoint's security group (consumer workload SG only).
            EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic = props.Link.IsRouted(),
        });
        Nag.Suppress(LoadBalancer, ("AwsSolutions-ELB2",
            "Lab NLB: VPC and Transit Gateway flow logs already record every connection; access logs would need an S3 bucket per stack."));

        TargetGroup = new NetworkTargetGroup(this, "Targets", new NetworkTargetGroupProps
        {
            Vpc = vpc,
            Port = port,
            Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol.TCP,
            TargetType = props.TargetType,
            // A fixed name lets the EKS TargetGroupBinding find the group by name (ARNs are only known after deploy).
            TargetGroupName = TargetGroupName(props.Service, props.Link),
            PreserveClientIp = false,
            DeregistrationDelay = Duration.Seconds(10),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol.HTTP,
                Path = "/health",
                Interval = Duration.Seconds(10),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 2,
            },
        });

        LoadBalancer.AddListener("Listener", new BaseNetworkListenerProps
        {
            Port = port,
            Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol.TCP,
            DefaultTargetGroups = [TargetGroup],
        });
    }

    /// <summary>The provider service.</summary>
    public LabService Service { get; }

    /// <summary>The link.</summary>
    public LinkKind Link { get; }

    /// <summary>The NLB's security group.</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>The internal NLB.</summary>
    public NetworkLoadBalancer LoadBalancer { get; }

    /// <summary>Where the workload registers.</summary>
    public NetworkTargetGroup TargetGroup { get; }

    /// <summary>The fixed target group name: <c>tl-serviceb-peering</c>.</summary>
    public static string TargetGroupName(LabService service, LinkKind link) => $"tl-{service.Name()}-{link.Name()}";
}
