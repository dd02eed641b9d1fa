using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Constructs;
using TracingLab.Contracts.Faults;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Kubernetes;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// AWS FIS experiment templates for the deployed links and workloads, with the lab's alarms as stop conditions and one
/// least-privilege role. With an experiment file: one template holding its timeline. Without: one template per fault
/// kind per platform (docs/faults.md, "In AWS").
/// </summary>
public sealed class LabFaultExperiments : Construct
{
    /// <summary>The Kubernetes service account FIS's pod runs as, and the user its access entry maps the role to.</summary>
    public const string KubernetesIdentity = EksFaultInjection.Identity;

    /// <summary>The tag that marks service C's instances as FIS targets.</summary>
    public static readonly (string Key, string Value) Ec2Tag = ("tracinglab:fault-target", "servicec");

    /// <summary>How long each default template's fault lasts.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(2);

    private static readonly string[] DocumentNames =
    [
        "AWSFIS-Run-Network-Latency-Sources", "AWSFIS-Run-Network-Packet-Loss-Sources", "AWSFIS-Run-Network-Blackhole-Port",
        "AWSFIS-Run-Network-Latency-ECS", "AWSFIS-Run-Network-Packet-Loss-ECS", "AWSFIS-Run-Network-Blackhole-Port-ECS",
    ];

    public LabFaultExperiments(Construct scope, string id, LabFaultExperimentsProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);
        var documentPrefix = $"arn:{Aws.PARTITION}:ssm:{stack.Region}::document/";
        string Ec2Arn(string resource) => $"arn:{Aws.PARTITION}:ec2:{stack.Region}:{stack.Account}:{resource}";

        var routed = props.Links.Where(l => l.IsRouted()).ToList();
        var subnetArns = routed.ToDictionary(l => l.Name(), l => (IReadOnlyList<string>)LabTopology.Providers
            .SelectMany(p => props.Network.Vpcs[p].IngressSubnets(l)).Select(s => Ec2Arn($"subnet/{s.SubnetId}")).ToList());
        var endpointArns = props.Network.PrivateLink is { } privateLink
            ? new Dictionary<string, IReadOnlyList<string>>
            {
                [LinkKind.PrivateLink.Name()] = LabTopology.Edges.Select(e => Ec2Arn($"vpc-endpoint/{privateLink.Endpoint(e).VpcEndpointId}")).ToList(),
            }
            : [];
        IReadOnlyDictionary<string, IReadOnlyList<string>> Hosts(LabService consumer) => props.Links.ToDictionary(
            l => l.Name(), l => (IReadOnlyList<string>)LabTopology.ProvidersOf(consumer).Select(p => LabTopology.HostName(p, l)).ToList());

        Tags.Of(props.ServiceC.Group).Add(Ec2Tag.Key, Ec2Tag.Value);
        Documents = new ServiceCFaultDocuments(this, "ServiceCDocuments");
        var cluster = props.ServiceA.Service.Cluster;
        Targets = new FisTargets
        {
            LinkSubnetArns = subnetArns,
            LinkEndpointArns = endpointArns,
            ServiceAHosts = Hosts(LabService.A),
            ServiceBHosts = Hosts(LabService.B),
            EcsCluster = cluster.ClusterName,
            EcsService = props.ServiceA.Service.ServiceName,
            EksCluster = props.ServiceB.Cluster.Ref,
            EksNamespace = props.ServiceB.ManifestProps.Namespace,
            EksPodSelector = $"app.kubernetes.io/name={ServiceBManifests.AppName}",
            EksServiceAccount = KubernetesIdentity,
            Ec2Tag = Ec2Tag,
            Ec2CallerCidrs = LabTopology.ConsumersOf(LabService.C).Select(c => props.Network.Vpcs[c].Cidr).ToList(),
            Ec2PeerCidrs = new[] { LabService.C }.Concat(LabTopology.ConsumersOf(LabService.C)).Select(s => props.Network.Vpcs[s].Cidr)
                .Concat(props.Links.Contains(LinkKind.Lattice) ? [Network.LatticeLink.Ipv4Cidr] : [])
                .Distinct().ToList(),
            Ec2DocumentArns = new Dictionary<FaultKind, string>
            {
                [FaultKind.Reset] = Documents.ResetArn,
                [FaultKind.Bandwidth] = Documents.BandwidthArn,
            },
            SsmDocumentArnPrefix = documentPrefix,
            ServicePort = LabTopology.ServicePort,
        };

        Role = new FisRole(this, "Role", new FisRoleProps
        {
            EcsClusterArn = cluster.ClusterArn,
            EcsClusterName = cluster.ClusterName,
            EksClusterArn = props.ServiceB.Cluster.AttrArn,
            Ec2Tag = Ec2Tag,
            SubnetArns = subnetArns.Values.SelectMany(a => a).ToList(),
            EndpointArns = endpointArns.Values.SelectMany(a => a).ToList(),
            DocumentArns = [.. DocumentNames.Select(d => documentPrefix + d), Documents.ResetArn, Documents.BandwidthArn],
        });

        // The FIS pod acts in the cluster as this user; its Role and RoleBinding come with service B's manifests (EksFaultInjection).
        _ = new CfnAccessEntry(this, "EksAccess", new CfnAccessEntryProps
        {
            ClusterName = props.ServiceB.Cluster.Ref,
            PrincipalArn = Role.Role.RoleArn,
            Username = KubernetesIdentity,
            Type = "STANDARD",
        });

        var all = FisActionPlan.Targets(Targets);
        var templates = new Dictionary<string, FaultExperiment>(StringComparer.Ordinal);
        foreach (var (name, description, steps) in props.Experiment is { } experiment ? FromExperiment(experiment) : Defaults(props))
        {
            templates[name] = new FaultExperiment(this, "Template-" + name, new FaultExperimentProps
            {
                Name = name,
                Description = description,
                Steps = steps,
                Targets = all,
                Role = Role.Role,
                StopAlarms = props.StopAlarms,
            });
        }

        Templates = templates;
    }

    /// <summary>The role FIS assumes.</summary>
    public FisRole Role { get; }

    /// <summary>The lab's own SSM documents for reset and bandwidth on service C.</summary>
    public ServiceCFaultDocuments Documents { get; }

    /// <summary>What the templates act on.</summary>
    public FisTargets Targets { get; }

    /// <summary>The templates, by experiment name.</summary>
    public IReadOnlyDictionary<string, FaultExperiment> Templates { get; }

    private IEnumerable<(string, string, IReadOnlyList<(FisAction, TimeSpan)>)> FromExperiment(Experiment experiment)
    {
        foreach (var overlap in WorkloadOverlaps(experiment))
        {
            Annotations.Of(this).AddWarningV2("tracinglab:faults.workloadOverlap", overlap);
        }

        var steps = experiment.Faults
            .SelectMany(f => FisActionPlan.ForLinkFault(f, Targets).Select(a => (a, f.Start ?? TimeSpan.Zero)))
            .ToList();
        yield return (experiment.Name, experiment.Description ?? experiment.Name, steps);
    }

    /// <summary>
    /// Pairs of an experiment's latency, jitter or loss faults whose windows overlap. Each becomes an action on service
    /// A's tasks and B's pods, and FIS runs one ECS network action per task and one EKS latency or loss per pod at a
    /// time (FIS user guide, Limitations of the ECS task and EKS pod actions): such an experiment fails in AWS.
    /// </summary>
    public static IReadOnlyList<string> WorkloadOverlaps(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var faults = experiment.Faults.Select((f, i) => (Fault: f, Index: i, Start: f.Start ?? TimeSpan.Zero))
            .Where(f => f.Fault.Kind != FaultKind.Blackhole)
            .Select(f => (f.Fault, f.Index, f.Start, End: f.Start + (f.Fault.Duration ?? FisDuration.Minimum)))
            .ToList();
        return faults.SelectMany((a, i) => faults.Skip(i + 1).Where(b => a.Start < b.End && b.Start < a.End)
                .Select(b => $"experiment '{experiment.Name}': faults[{a.Index}] ({a.Fault}) and faults[{b.Index}] ({b.Fault}) overlap; " +
                             "FIS runs one network action at a time on a task or pod, so this experiment fails in AWS (docs/faults.md, In AWS)."))
            .ToList();
    }

    private IEnumerable<(string, string, IReadOnlyList<(FisAction, TimeSpan)>)> Defaults(LabFaultExperimentsProps props)
    {
        var duration = FisDuration.Iso(DefaultDuration);
        // A link FIS can cut on its own: its subnets or endpoints. FIS has no action on a Lattice service network.
        foreach (var link in props.Links.Where(l => Targets.LinkSubnetArns.ContainsKey(l.Name()) || Targets.LinkEndpointArns.ContainsKey(l.Name())))
        {
            var fault = new LinkFault(link.Name(), new BlackholeFault(), Duration: DefaultDuration);
            yield return ($"network-blackhole-{link.Name()}", $"Blackhole the {link.Name()} link for {duration}",
                [(FisActionPlan.ForLinkFault(fault, Targets)[0], TimeSpan.Zero)]);
        }

        FaultParameters[] kinds =
        [
            new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(10), TimeSpan.Zero, 0),
            new JitterFault(TimeSpan.FromMilliseconds(30)),
            new LossFault(5),
            new BlackholeFault(),
        ];
        var aHosts = string.Join(",", Targets.ServiceAHosts.Values.SelectMany(h => h).Distinct());
        var bHosts = string.Join(",", Targets.ServiceBHosts.Values.SelectMany(h => h).Distinct());
        var callers = string.Join(",", Targets.Ec2CallerCidrs);
        var peers = string.Join(",", Targets.Ec2PeerCidrs);
        foreach (var (platform, sources, who) in new[]
        {
            (FaultPlatform.Ecs, aHosts, "service A's tasks toward every link"),
            (FaultPlatform.Eks, bHosts, "service B's pods toward every link"),
            // C's responses go back to the links' NLBs (client IP preservation is off) or Lattice, not to A and B
            // themselves, so the egress faults aim at the same peers as reset and bandwidth.
            (FaultPlatform.Ec2, callers.Length == 0 ? "" : peers, "service C's instances, responses to the links' NLBs, Lattice and A and B"),
        })
        {
            foreach (var parameters in kinds)
            {
                // Without links nothing is called: the kinds aimed at callees have no sources to aim at.
                if (sources.Length == 0 && parameters.Kind != FaultKind.Blackhole)
                {
                    continue;
                }

                yield return Default(platform, parameters, who, sources);
            }
        }

        // Reset and bandwidth only on service C, through the lab's own documents, aimed at where its calls arrive from.
        FaultParameters[] serviceCKinds = [new ResetFault(10, null), new BandwidthFault(1_000_000)];
        if (peers.Length > 0 && callers.Length > 0)
        {
            foreach (var parameters in serviceCKinds)
            {
                yield return Default(FaultPlatform.Ec2, parameters, "service C's instances, connections from the links' NLBs and VPC A and B", peers);
            }
        }

        (string, string, IReadOnlyList<(FisAction, TimeSpan)>) Default(FaultPlatform platform, FaultParameters parameters, string who, string sources)
        {
            var kind = FaultKinds.Name(parameters.Kind);
            return ($"{platform.ToString().ToLowerInvariant()}-{kind}",
                $"{new LinkFault("tgw", parameters).ToString()[4..]} on {who}, {duration}",
                [(FisActionPlan.ForWorkload(platform, parameters, duration, sources, Targets), TimeSpan.Zero)]);
        }
    }
}
