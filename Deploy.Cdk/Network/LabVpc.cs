using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// One lab VPC: isolated workload subnets, Transit Gateway attachment subnets, per-link ingress subnets when it hosts
/// a provider, VPC endpoints when there is no NAT, and flow logs to CloudWatch Logs.
/// </summary>
public sealed class LabVpc : Construct
{
    private static readonly (string Id, InterfaceVpcEndpointAwsService Service)[] BaseEndpoints =
    [
        ("EcrApi", InterfaceVpcEndpointAwsService.ECR),
        ("EcrDkr", InterfaceVpcEndpointAwsService.ECR_DOCKER),
        ("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS),
        ("XRay", InterfaceVpcEndpointAwsService.XRAY),
        ("Sts", InterfaceVpcEndpointAwsService.STS),
        ("Ssm", InterfaceVpcEndpointAwsService.SSM),
    ];

    public LabVpc(Construct scope, string id, LabVpcProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Cidr = props.Cidr.ToString();
        var workloadType = props.NatGateways > 0 ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED;

        var groups = new List<ISubnetConfiguration>
        {
            new SubnetConfiguration { Name = SubnetGroups.Workload, SubnetType = workloadType, CidrMask = 20 },
            new SubnetConfiguration { Name = SubnetGroups.TgwAttachment, SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 28 },
        };
        if (props.HostsProvider)
        {
            groups.AddRange(LinkKinds.All.Where(l => l.IsRouted()).Select(l =>
                new SubnetConfiguration { Name = SubnetGroups.Ingress(l), SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 26 }));
        }

        // The endpoints tier holds the interface endpoints, which only exist without NAT; with NAT the PrivateLink
        // consumer endpoints share the workload subnets (and their ACL), keeping 3 AZs under CloudFormation's 500 resources.
        if (props.NatGateways == 0)
        {
            groups.Add(new SubnetConfiguration { Name = SubnetGroups.Endpoints, SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 26 });
        }
        else
        {
            groups.Add(new SubnetConfiguration { Name = SubnetGroups.Public, SubnetType = SubnetType.PUBLIC, CidrMask = 24 });
        }

        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr(Cidr),
            AvailabilityZones = props.AvailabilityZones.ToArray(),
            NatGateways = props.NatGateways,
            SubnetConfiguration = groups.ToArray(),
            EnableDnsHostnames = true,
            EnableDnsSupport = true,
            // Restricting the default security group would add a custom-resource Lambda; the lab never uses that group.
            RestrictDefaultSecurityGroup = false,
        });

        PinAvailabilityZoneIds();
        WorkloadSubnets = Vpc.SelectSubnets(new SubnetSelection { SubnetGroupName = SubnetGroups.Workload }).Subnets;
        EndpointSubnets = props.NatGateways == 0
            ? Vpc.SelectSubnets(new SubnetSelection { SubnetGroupName = SubnetGroups.Endpoints }).Subnets
            : WorkloadSubnets;
        TgwSubnets = Vpc.SelectSubnets(new SubnetSelection { SubnetGroupName = SubnetGroups.TgwAttachment }).Subnets;
        if (props.HostsProvider)
        {
            foreach (var link in LinkKinds.All.Where(l => l.IsRouted()))
            {
                _ingress[link] = Vpc.SelectSubnets(new SubnetSelection { SubnetGroupName = SubnetGroups.Ingress(link) }).Subnets;
            }
        }

        AddFlowLogs(props.FlowLogRetention);
        WorkloadSecurityGroup = new SecurityGroup(this, "WorkloadSg", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Lab workload: admits only its consumers on the service port",
            AllowAllOutbound = false,
        });
        _s3PrefixListId = props.S3PrefixListId;
        AddEndpoints(props);
        WorkloadSecurityGroup.AddEgressRule(Peer.PrefixList(props.S3PrefixListId), Port.Tcp(443), "S3 through the gateway endpoint");
    }

    /// <summary>
    /// Lets another group of this VPC reach what the workloads reach of AWS: S3 through the gateway endpoint, and the
    /// interface endpoints (or, with NAT, HTTPS anywhere).
    /// </summary>
    public void AllowAwsApis(SecurityGroup group, string description)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEgressRule(Peer.PrefixList(_s3PrefixListId), Port.Tcp(443), $"{description}: S3 through the gateway endpoint");
        if (_endpointsSg is null)
        {
            group.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), $"{description}: AWS APIs through the NAT gateway");
            return;
        }

        group.AddEgressRule(_endpointsSg, Port.Tcp(443), $"{description}: AWS APIs through the interface endpoints");
        _endpointsSg.AddIngressRule(group, Port.Tcp(443), $"HTTPS from {description}");
    }

    private readonly string _s3PrefixListId;
    private SecurityGroup? _endpointsSg;

    /// <summary>The VPC.</summary>
    public Vpc Vpc { get; }

    /// <summary>The VPC's CIDR as a literal string.</summary>
    public string Cidr { get; }

    /// <summary>Workload subnets, one per AZ.</summary>
    public IReadOnlyList<ISubnet> WorkloadSubnets { get; }

    /// <summary>Interface endpoint subnets (AWS services and PrivateLink consumer endpoints), one per AZ; the workload subnets when there is NAT.</summary>
    public IReadOnlyList<ISubnet> EndpointSubnets { get; }

    /// <summary>The S3 gateway endpoint.</summary>
    public GatewayVpcEndpoint S3Endpoint { get; private set; } = null!;

    /// <summary>Transit Gateway attachment subnets, one per AZ.</summary>
    public IReadOnlyList<ISubnet> TgwSubnets { get; }

    /// <summary>The security group of the service running in this VPC.</summary>
    public SecurityGroup WorkloadSecurityGroup { get; }

    /// <summary>The flow log group.</summary>
    public LogGroup FlowLogGroup { get; private set; } = null!;

    private readonly Dictionary<LinkKind, IReadOnlyList<ISubnet>> _ingress = [];

    /// <summary>Subnets where a provider's NLB for <paramref name="link"/> lives.</summary>
    /// <remarks>Routed links get their own subnets (and so their own route tables); the others need no routes.</remarks>
    public IReadOnlyList<ISubnet> IngressSubnets(LinkKind link) => !link.IsRouted()
        ? WorkloadSubnets
        : _ingress.TryGetValue(link, out var subnets)
            ? subnets
            : throw new InvalidOperationException($"VPC '{Node.Path}' hosts no provider, so it has no ingress subnets for {link.Name()}.");

    private void AddFlowLogs(RetentionDays retention)
    {
        FlowLogGroup = new LogGroup(this, "FlowLogs", new LogGroupProps
        {
            Retention = retention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = FlowLogDestination.ToCloudWatchLogs(FlowLogGroup),
            TrafficType = FlowLogTrafficType.ALL,
        });
    }

    // The Vpc construct only knows AZ names; the lab is given AZ ids (the same zone in every account), so each subnet
    // is placed by AvailabilityZoneId instead (AWS::EC2::Subnet takes either).
    private void PinAvailabilityZoneIds()
    {
        foreach (var subnet in Vpc.PublicSubnets.Concat(Vpc.PrivateSubnets).Concat(Vpc.IsolatedSubnets))
        {
            var cfn = (CfnSubnet)subnet.Node.DefaultChild!;
            cfn.AddPropertyDeletionOverride("AvailabilityZone");
            cfn.AddPropertyOverride("AvailabilityZoneId", subnet.AvailabilityZone);
        }
    }

    private void AddEndpoints(LabVpcProps props)
    {
        // Gateway endpoints are free; S3 also serves ECR image layers and the Amazon Linux package repositories.
        S3Endpoint = Vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions
        {
            Service = GatewayVpcEndpointAwsService.S3,
            Subnets = [new SubnetSelection { SubnetGroupName = SubnetGroups.Workload }],
        });
        S3EndpointPolicy.Apply(S3Endpoint);

        if (props.NatGateways > 0)
        {
            WorkloadSecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "AWS APIs through the NAT gateway");
            return;
        }

        var sg = _endpointsSg = new SecurityGroup(this, "EndpointsSg", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Interface endpoints: HTTPS from inside the VPC only",
            AllowAllOutbound = false,
        });
        sg.AddIngressRule(WorkloadSecurityGroup, Port.Tcp(443), "HTTPS from the VPC's workloads");
        WorkloadSecurityGroup.AddEgressRule(sg, Port.Tcp(443), "AWS APIs through the interface endpoints");

        foreach (var (id, service) in BaseEndpoints.Concat(props.ExtraInterfaceEndpoints))
        {
            Vpc.AddInterfaceEndpoint(id, new InterfaceVpcEndpointOptions
            {
                Service = service,
                Subnets = new SubnetSelection { SubnetGroupName = SubnetGroups.Endpoints },
                SecurityGroups = [sg],
                Open = false,
                PrivateDnsEnabled = true,
            });
        }
    }
}
