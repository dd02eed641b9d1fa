using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Faults;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Observability;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy;

/// <summary>
/// The lab in one stack: network and links, the three workloads, observability. One stack on purpose: a link switched
/// off removes its NLB target groups and URLs together with their users, with no cross-stack export holding them.
/// </summary>
public sealed class TracingLabStack : Stack
{
    public TracingLabStack(Construct scope, string id, TracingLabStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;

        Logs = new LabLogs(this, "Logs", new LabLogsProps());
        Alerts = new LabAlerts(this, "Alerts", settings.AlarmEmail);

        Network = new LabNetwork(this, "Network", new LabNetworkProps
        {
            Links = settings.Links,
            Cidrs = new Dictionary<LabService, Ipv4Cidr>
            {
                [LabService.A] = settings.CidrA,
                [LabService.B] = settings.CidrB,
                [LabService.C] = settings.CidrC,
            },
            AvailabilityZones = settings.AzIds,
            S3PrefixListId = settings.S3PrefixListId,
            ClientCidrs = settings.AllowedIngressCidrs,
            NatGateways = settings.NatGateways,
            ExtraEndpoints = new Dictionary<LabService, IReadOnlyList<(string Id, InterfaceVpcEndpointAwsService Service)>>
            {
                // The SSM agent FIS registers in service A's tasks (Systems Manager user guide, VPC endpoints: ssm,
                // ssmmessages, ec2messages); ssm is every VPC's already.
                [LabService.A] =
                [
                    ("SsmMessages", InterfaceVpcEndpointAwsService.SSM_MESSAGES), ("Ec2Messages", InterfaceVpcEndpointAwsService.EC2_MESSAGES),
                ],
                // EKS nodes without NAT: EC2 and EKS APIs, Pod Identity (eks-auth), ELB for the load balancer controller.
                [LabService.B] =
                [
                    ("Ec2", InterfaceVpcEndpointAwsService.EC2), ("Eks", InterfaceVpcEndpointAwsService.EKS),
                    ("EksAuth", InterfaceVpcEndpointAwsService.EKS_AUTH), ("Elb", InterfaceVpcEndpointAwsService.ELASTIC_LOAD_BALANCING),
                ],
                // Session Manager instead of SSH; CloudFormation for the instances' cfn-signal.
                [LabService.C] =
                [
                    ("SsmMessages", InterfaceVpcEndpointAwsService.SSM_MESSAGES), ("Ec2Messages", InterfaceVpcEndpointAwsService.EC2_MESSAGES),
                    ("CloudFormation", InterfaceVpcEndpointAwsService.CLOUDFORMATION),
                ],
            },
        });

        ServiceA = new ServiceAOnEcs(this, "ServiceA", new ServiceAOnEcsProps
        {
            Vpc = Network.Vpcs[LabService.A],
            Links = settings.Links,
            Logs = Logs,
            ImageTag = settings.ImageTag,
            TraceExport = settings.TraceExport,
            AllowedIngressCidrs = settings.AllowedIngressCidrs,
        });

        ServiceB = new ServiceBOnEks(this, "ServiceB", new ServiceBOnEksProps
        {
            Vpc = Network.Vpcs[LabService.B],
            Links = settings.Links,
            Logs = Logs,
            ImageTag = settings.ImageTag,
            TraceExport = settings.TraceExport,
            Region = settings.Region,
            ManifestAccount = settings.Account,
            PublicApiCidrs = settings.AllowedIngressCidrs,
            AdminPrincipalArn = settings.EksAdminArn,
            FaultInjection = EksFaultInjection.NeedsPodNetworkActions(props.Experiment),
            // Over tgw and peering, B's pods keep their own address toward C (docs/networking.md, "Source addresses").
            SnatExcludedCidrs = settings.Links.Any(l => l != LinkKind.PrivateLink)
                ? LabTopology.ProvidersOf(LabService.B).Select(p => Network.Vpcs[p].Cidr).ToList()
                : [],
        });

        ManifestApplier = new Kubernetes.ManifestApplier(this, "ManifestApplier", new Kubernetes.ManifestApplierProps
        {
            Vpc = Network.Vpcs[LabService.B],
            Cluster = ServiceB.Cluster,
            ControlPlaneSecurityGroup = ServiceB.ControlPlaneSecurityGroup,
            Manifests = ServiceB.ManifestProps,
        });

        ServiceC = new ServiceCOnEc2(this, "ServiceC", new ServiceCOnEc2Props
        {
            Vpc = Network.Vpcs[LabService.C],
            Links = settings.Links,
            Ingresses = settings.Links.Select(l => Network.Ingresses[(LabService.C, l)]).ToList(),
            Logs = Logs,
            TraceExport = settings.TraceExport,
            Alerts = Alerts.Topic,
            RepositoryRoot = props.RepositoryRoot,
        });

        // What deploy.yml's smoke test walks: the links this stack was deployed with (from cdk.json or -c links).
        _ = new CfnOutput(this, "Links", new CfnOutputProps
        {
            Value = settings.Links.Count == 0 ? "none" : string.Join(",", settings.Links.Select(l => l.Name())),
            Description = "Enabled links",
        });

        // The X-Ray OTLP endpoint refuses spans unless Transaction Search is on; the awsxray path does not need it.
        if (settings.TraceExport == TraceExport.Otlp)
        {
            TransactionSearch = new TransactionSearch(this, "TransactionSearch", settings.TraceIndexPercent);
        }

        Observability = new LabObservability(this, "Observability", new LabObservabilityProps
        {
            Links = settings.Links,
            Logs = Logs,
            Alerts = Alerts.Topic,
            ServiceA = ServiceA,
            ServiceC = ServiceC,
            Ingresses = Network.Ingresses,
        });

        Faults = new FaultsStack(this, "Faults", new LabFaultExperimentsProps
        {
            Links = settings.Links,
            Experiment = props.Experiment,
            Network = Network,
            ServiceA = ServiceA,
            ServiceB = ServiceB,
            ServiceC = ServiceC,
            StopAlarms = [Observability.AvailabilityAlarm, Observability.LatencyAlarm],
        });
    }

    /// <summary>VPCs, links and endpoints.</summary>
    public LabNetwork Network { get; }

    /// <summary>Log groups.</summary>
    public LabLogs Logs { get; }

    /// <summary>The alarm topic.</summary>
    public LabAlerts Alerts { get; }

    /// <summary>Service A on ECS.</summary>
    public ServiceAOnEcs ServiceA { get; }

    /// <summary>Service B on EKS.</summary>
    public ServiceBOnEks ServiceB { get; }

    /// <summary>The CodeBuild project in VPC B that applies service B's manifests.</summary>
    public Kubernetes.ManifestApplier ManifestApplier { get; }

    /// <summary>Service C on EC2.</summary>
    public ServiceCOnEc2 ServiceC { get; }

    /// <summary>Transaction Search (spans to aws/spans, indexing); null with <c>traceExport=awsxray</c>.</summary>
    public TransactionSearch? TransactionSearch { get; }

    /// <summary>X-Ray groups, alarms, queries, dashboard.</summary>
    public LabObservability Observability { get; }

    /// <summary>AWS FIS experiment templates, their role and the EKS access FIS needs.</summary>
    public FaultsStack Faults { get; }
}
