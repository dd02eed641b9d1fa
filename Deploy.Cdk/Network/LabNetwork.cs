using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The lab's network: VPCs A, B and C, one NLB per (provider, enabled link), the enabled links, and the directory
/// of provider URLs.
/// </summary>
public sealed class LabNetwork : Construct
{
    private readonly Dictionary<LabService, LabVpc> _vpcs = [];
    private readonly Dictionary<(LabService, LinkKind), ServiceIngress> _ingresses = [];
    private readonly List<(LabService Service, SubnetTierAcl Acl, IReadOnlyList<AclRule> Rules)> _nestedAclRules = [];

    public LabNetwork(Construct scope, string id, LabNetworkProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Links = props.Links;

        foreach (var service in LabTopology.All)
        {
            _vpcs[service] = new LabVpc(this, $"Vpc{service}", new LabVpcProps
            {
                Cidr = props.Cidrs[service],
                AvailabilityZones = props.AvailabilityZones,
                NatGateways = props.NatGateways,
                HostsProvider = LabTopology.Providers.Contains(service),
                S3PrefixListId = props.S3PrefixListId,
                ExtraInterfaceEndpoints = props.ExtraEndpoints.TryGetValue(service, out var extra) ? extra : [],
            });
        }

        foreach (var provider in LabTopology.Providers)
        {
            foreach (var link in props.Links.Where(l => l.HasProviderNlb()))
            {
                _ingresses[(provider, link)] = new ServiceIngress(this, $"Ingress{provider}{link.Pascal()}", new ServiceIngressProps
                {
                    Vpc = _vpcs[provider],
                    Service = provider,
                    Link = link,
                    Consumers = LabTopology.ConsumersOf(provider).Select(c => _vpcs[c]).ToList(),
                    TargetType = props.TargetTypes[provider],
                });
            }
        }

        if (props.Links.Contains(LinkKind.Tgw))
        {
            TransitGateway = new TransitGatewayLink(this, "TransitGateway", new TransitGatewayLinkProps { Vpcs = _vpcs });
        }

        if (props.Links.Contains(LinkKind.Peering))
        {
            Peering = new PeeringLink(this, "Peering", new PeeringLinkProps { Vpcs = _vpcs });
        }

        if (props.Links.Contains(LinkKind.PrivateLink))
        {
            PrivateLink = new PrivateLinkLink(this, "PrivateLink", new PrivateLinkLinkProps
            {
                Vpcs = _vpcs,
                Ingresses = LabTopology.Providers.ToDictionary(p => p, p => _ingresses[(p, LinkKind.PrivateLink)]),
            });
        }

        AddNetworkAcls(props);

        Directory = new EndpointDirectory(this, "Directory", new EndpointDirectoryProps
        {
            Vpcs = _vpcs,
            Links = props.Links,
            Ingresses = _ingresses,
            PrivateLink = PrivateLink,
        });
    }

    /// <summary>Enabled links.</summary>
    public IReadOnlyList<LinkKind> Links { get; }

    private void AddNetworkAcls(LabNetworkProps props)
    {
        // Links in a nested stack of their own add their entries there, on these ACLs (NestedAclRules).
        var here = props.Links.Where(l => !l.Traits().OwnStack).ToList();
        foreach (var (service, vpc) in _vpcs)
        {
            var rules = NetworkAclPlan.Workload(service, _vpcs, here, props.ClientCidrs).ToList();
            var acl = new SubnetTierAcl(vpc, "WorkloadAcl", vpc.Vpc, vpc.WorkloadSubnets, rules);
            var nested = NetworkAclPlan.Workload(service, _vpcs, props.Links, props.ClientCidrs).Except(rules).ToList();
            if (nested.Count > 0)
            {
                _nestedAclRules.Add((service, acl, nested));
            }

            if (vpc.EndpointSubnets != vpc.WorkloadSubnets)
            {
                _ = new SubnetTierAcl(vpc, "EndpointsAcl", vpc.Vpc, vpc.EndpointSubnets,
                    NetworkAclPlan.Endpoints(service, _vpcs, props.Links).ToList());
            }

            if (LabTopology.Providers.Contains(service))
            {
                // Both routed links' ingress subnets admit the same consumers on the same port: one ACL for the tier.
                _ = new SubnetTierAcl(vpc, "IngressAcl", vpc.Vpc, LinkKinds.All.Where(l => l.IsRouted()).SelectMany(vpc.IngressSubnets).ToList(),
                    NetworkAclPlan.Ingress(service, _vpcs).ToList());
            }
        }
    }

    /// <summary>
    /// Workload ACL entries that the links kept in their own nested stack need (<see cref="LinkTraits.OwnStack"/>):
    /// that stack adds them with <see cref="SubnetTierAcl.AddRules"/>.
    /// </summary>
    public IReadOnlyList<(LabService Service, SubnetTierAcl Acl, IReadOnlyList<AclRule> Rules)> NestedAclRules => _nestedAclRules;

    /// <summary>Each service's VPC.</summary>
    public IReadOnlyDictionary<LabService, LabVpc> Vpcs => _vpcs;

    /// <summary>Provider NLBs by (provider, link).</summary>
    public IReadOnlyDictionary<(LabService, LinkKind), ServiceIngress> Ingresses => _ingresses;

    /// <summary>The Transit Gateway link, when enabled.</summary>
    public TransitGatewayLink? TransitGateway { get; }

    /// <summary>The peering link, when enabled.</summary>
    public PeeringLink? Peering { get; }

    /// <summary>Where each provider's URL per link is published (private zones, SSM parameters, outputs).</summary>
    public EndpointDirectory Directory { get; }

    /// <summary>The PrivateLink link, when enabled.</summary>
    public PrivateLinkLink? PrivateLink { get; }
}
