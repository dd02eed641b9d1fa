using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.VpcLattice;
using CfnListener = Amazon.CDK.AWS.VpcLattice.CfnListener;
using CfnListenerProps = Amazon.CDK.AWS.VpcLattice.CfnListenerProps;
using CfnTargetGroup = Amazon.CDK.AWS.VpcLattice.CfnTargetGroup;
using CfnTargetGroupProps = Amazon.CDK.AWS.VpcLattice.CfnTargetGroupProps;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The VPC Lattice link (docs/deploy.md, "Lattice in AWS"): one service network; consumer VPCs A and B associated
/// with it, each through a security group that admits only the VPC's workloads; per provider a Lattice service under
/// the lab's own name (<c>servicec.lattice.tracinglab.internal</c>) with an HTTP listener on the service port and a
/// target group; access logs to CloudWatch Logs. No routes: Lattice answers on link-local addresses in every
/// associated VPC, so overlapping CIDRs work. How each provider registers:
/// <list type="bullet">
/// <item>Service C (EC2): INSTANCE targets registered by its Auto Scaling group (traffic source type
/// <c>vpc-lattice</c>), so instances come and go with no other moving part.</item>
/// <item>Service B (EKS): an ALB target — an internal ALB in VPC B whose IP target group the AWS Load Balancer
/// Controller already fills with B's pods through a TargetGroupBinding, as it does for the NLBs. IP targets in a
/// Lattice group would need something to follow the pods (the AWS Gateway API Controller, a second controller with
/// its own IAM and CRDs, which also creates Lattice services outside this template); the ALB costs one more hop.</item>
/// <item>Service A (ECS) only calls: ECS's native Lattice integration registers tasks as targets, which A never is.</item>
/// </list>
/// Auth type NONE: the services call with a plain HttpClient and cannot SigV4-sign requests, which AWS_IAM requires;
/// access is limited by the association security groups and the targets' rules instead.
/// </summary>
public sealed class LatticeLink : Construct
{
    /// <summary>
    /// IPv4 entry of the <c>com.amazonaws.{region}.vpc-lattice</c> managed prefix list: the link-local range Lattice
    /// answers consumers on and connects to targets from (VPC Lattice guide, "Control traffic ... using security groups").
    /// NACLs cannot reference a prefix list, and a lookup would need a custom resource, so the rules name the CIDR.
    /// </summary>
    public const string Ipv4Cidr = "169.254.171.0/24";

    private const int ServicePort = LabTopology.ServicePort;
    private readonly Dictionary<LabService, CfnService> _services = [];
    private readonly Dictionary<LabService, CfnTargetGroup> _targetGroups = [];

    public LatticeLink(Construct scope, string id, LatticeLinkProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        ServiceNetwork = new CfnServiceNetwork(this, "ServiceNetwork", new CfnServiceNetworkProps { AuthType = "NONE" });

        AccessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = props.AccessLogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        // On the service network: one subscription logs every request to every service in it.
        _ = new CfnAccessLogSubscription(this, "AccessLogSubscription", new CfnAccessLogSubscriptionProps
        {
            ResourceIdentifier = ServiceNetwork.AttrArn,
            DestinationArn = AccessLogs.LogGroupArn,
        });

        foreach (var consumer in LabTopology.Consumers)
        {
            AssociateConsumer(consumer, props.Vpcs[consumer]);
        }

        foreach (var (service, acl, rules) in props.AclRules)
        {
            acl.AddRules(this, $"WorkloadAcl{service}", rules);
        }

        _targetGroups[LabService.C] = InstanceTargets(props.Vpcs[LabService.C], props.ServiceCGroup);
        _targetGroups[LabService.B] = AlbTargets(props.Vpcs[LabService.B]);

        foreach (var provider in LabTopology.Providers)
        {
            var service = _services[provider] = new CfnService(this, $"Service{provider}", new CfnServiceProps
            {
                AuthType = "NONE",
                // The lab's name: Lattice routes a request by its Host, and the callers use the lab's names.
                CustomDomainName = LabTopology.HostName(provider, LinkKind.Lattice),
            });
            _ = new CfnListener(this, $"Listener{provider}", new CfnListenerProps
            {
                ServiceIdentifier = service.AttrId,
                Protocol = "HTTP",
                Port = ServicePort,
                DefaultAction = new CfnListener.DefaultActionProperty
                {
                    Forward = new CfnListener.ForwardProperty
                    {
                        TargetGroups = new object[] { new CfnListener.WeightedTargetGroupProperty { TargetGroupIdentifier = _targetGroups[provider].AttrId, Weight = 100 } },
                    },
                },
            });
            _ = new CfnServiceNetworkServiceAssociation(this, $"ServiceAssociation{provider}", new CfnServiceNetworkServiceAssociationProps
            {
                ServiceNetworkIdentifier = ServiceNetwork.AttrId,
                ServiceIdentifier = service.AttrId,
            });
            props.Directory.Publish(this, provider, LinkKind.Lattice, _ => RecordTarget.FromAlias(new LatticeServiceTarget(service)));
        }
    }

    /// <summary>The service network.</summary>
    public CfnServiceNetwork ServiceNetwork { get; }

    /// <summary>The access log group.</summary>
    public LogGroup AccessLogs { get; }

    /// <summary>Service B's internal ALB, Lattice's target for B.</summary>
    public ApplicationLoadBalancer ServiceBAlb { get; private set; } = null!;

    /// <summary>The Lattice service of a provider.</summary>
    public CfnService Service(LabService provider) => _services[provider];

    /// <summary>The Lattice target group of a provider.</summary>
    public CfnTargetGroup TargetGroup(LabService provider) => _targetGroups[provider];

    private void AssociateConsumer(LabService consumer, LabVpc vpc)
    {
        var sg = new SecurityGroup(this, $"Association{consumer}Sg", new SecurityGroupProps
        {
            Vpc = vpc.Vpc,
            Description = $"Lattice association of {consumer.Name()}'s VPC: only its workloads",
            AllowAllOutbound = false,
        });
        sg.AddIngressRule(vpc.WorkloadSecurityGroup, Port.Tcp(ServicePort), $"{consumer.Name()} workloads");
        // The consumer connects to Lattice's link-local addresses, not to the association's group.
        vpc.WorkloadSecurityGroup.AddEgressRule(Peer.Ipv4(Ipv4Cidr), Port.Tcp(ServicePort), "Providers over lattice");
        _ = new CfnServiceNetworkVpcAssociation(this, $"VpcAssociation{consumer}", new CfnServiceNetworkVpcAssociationProps
        {
            ServiceNetworkIdentifier = ServiceNetwork.AttrId,
            VpcIdentifier = vpc.Vpc.VpcId,
            SecurityGroupIds = [sg.SecurityGroupId],
        });
    }

    private CfnTargetGroup InstanceTargets(LabVpc vpc, AutoScalingGroup group)
    {
        vpc.WorkloadSecurityGroup.AddIngressRule(Peer.Ipv4(Ipv4Cidr), Port.Tcp(ServicePort), "Lattice requests and health checks");
        var targets = new CfnTargetGroup(this, "TargetsC", new CfnTargetGroupProps
        {
            Type = "INSTANCE",
            Config = new CfnTargetGroup.TargetGroupConfigProperty
            {
                VpcIdentifier = vpc.Vpc.VpcId,
                Protocol = "HTTP",
                ProtocolVersion = "HTTP1",
                Port = ServicePort,
                HealthCheck = HealthCheck,
            },
        });
        // Auto Scaling registers the group's instances (TrafficSources, type vpc-lattice; the L1 of this CDK version
        // predates the property, CloudFormation has it).
        ((CfnAutoScalingGroup)group.Node.DefaultChild!).AddPropertyOverride("TrafficSources",
            new[] { new Dictionary<string, object> { ["Identifier"] = targets.AttrArn, ["Type"] = "vpc-lattice" } });
        return targets;
    }

    private CfnTargetGroup AlbTargets(LabVpc vpc)
    {
        var sg = new SecurityGroup(this, "AlbBSg", new SecurityGroupProps
        {
            Vpc = vpc.Vpc,
            Description = "Lattice ALB of serviceb: Lattice in, the workload out",
            AllowAllOutbound = false,
        });
        sg.AddIngressRule(Peer.Ipv4(Ipv4Cidr), Port.Tcp(ServicePort), "Lattice requests");
        sg.AddEgressRule(vpc.WorkloadSecurityGroup, Port.Tcp(ServicePort), "To the workload");
        // Kept in this stack (an AddIngressRule on the workload group would land in the lab's stack, near its limit).
        _ = new CfnSecurityGroupIngress(this, "WorkloadBFromAlb", new CfnSecurityGroupIngressProps
        {
            GroupId = vpc.WorkloadSecurityGroup.SecurityGroupId,
            SourceSecurityGroupId = sg.SecurityGroupId,
            IpProtocol = "tcp",
            FromPort = ServicePort,
            ToPort = ServicePort,
            Description = "From the lattice ALB",
        });

        ServiceBAlb = new ApplicationLoadBalancer(this, "AlbB", new ApplicationLoadBalancerProps
        {
            Vpc = vpc.Vpc,
            InternetFacing = false,
            VpcSubnets = new SubnetSelection { Subnets = vpc.IngressSubnets(LinkKind.Lattice).ToArray() },
            SecurityGroup = sg,
        });
        Nag.Suppress(ServiceBAlb, ("AwsSolutions-ELB2",
            "Lab ALB behind Lattice: Lattice's access logs and X-Ray traces record every request; ALB access logs would need an S3 bucket."));
        var albTargets = new ApplicationTargetGroup(this, "AlbBTargets", new ApplicationTargetGroupProps
        {
            Vpc = vpc.Vpc,
            Port = ServicePort,
            Protocol = ApplicationProtocol.HTTP,
            TargetType = TargetType.IP,
            // The TargetGroupBinding finds the group by this name, as it finds the NLBs' (ServiceBManifests).
            TargetGroupName = ServiceIngress.TargetGroupName(LabService.B, LinkKind.Lattice),
            DeregistrationDelay = Duration.Seconds(10),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = "/health",
                Interval = Duration.Seconds(10),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 2,
            },
        });
        var listener = ServiceBAlb.AddListener("Listener", new BaseApplicationListenerProps
        {
            Port = ServicePort,
            Protocol = ApplicationProtocol.HTTP,
            Open = false,
            DefaultTargetGroups = [albTargets],
        });

        // An ALB target takes no Lattice health check (the ALB checks its own targets); its port is the listener's.
        var targets = new CfnTargetGroup(this, "TargetsB", new CfnTargetGroupProps
        {
            Type = "ALB",
            Config = new CfnTargetGroup.TargetGroupConfigProperty
            {
                VpcIdentifier = vpc.Vpc.VpcId,
                Protocol = "HTTP",
                ProtocolVersion = "HTTP1",
                Port = ServicePort,
            },
            Targets = new object[] { new CfnTargetGroup.TargetProperty { Id = ServiceBAlb.LoadBalancerArn, Port = ServicePort } },
        });
        targets.Node.AddDependency(listener);
        return targets;
    }

    private static CfnTargetGroup.HealthCheckConfigProperty HealthCheck => new()
    {
        Enabled = true,
        Protocol = "HTTP",
        ProtocolVersion = "HTTP1",
        Port = ServicePort,
        Path = "/health",
        HealthCheckIntervalSeconds = 10,
        HealthyThresholdCount = 2,
        UnhealthyThresholdCount = 2,
        Matcher = new CfnTargetGroup.MatcherProperty { HttpCode = "200" },
    };
}
