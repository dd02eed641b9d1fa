using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>
/// Walks one call (consumer → provider over a link) hop by hop through a <see cref="NetworkModel"/>, as VPC
/// Reachability Analyzer would: the URL the consumer is given, the private DNS record it resolves, route tables and
/// their targets (peering connection, Transit Gateway attachment and route table) both ways, the load balancer or
/// interface endpoint and its listener, security groups on each side and network ACLs in both directions. Network
/// ACLs are checked for the request and for the reply over every source port the client can use (<see cref="Client"/>):
/// the caller's own range, or 1024-65535 for load balancer nodes and for pods the VPC CNI SNATs to their node.
/// Returns every hop that is missing, each named; an empty list is a path.
/// </summary>
public sealed class PathWalker(NetworkModel m)
{
    private const int Port = LabTopology.ServicePort;

    /// <summary>Who opens the consumer's connection over a link: a Fargate task, or a pod (SNATed when it leaves VPC B).</summary>
    public Client ConsumerClient(LabService consumer, LabService provider, LinkKind link)
    {
        if (consumer == LabService.A)
        {
            return Client.Linux("service A task (Fargate)");
        }

        // PrivateLink stays inside VPC B (the endpoint is there), and the CNI never SNATs traffic to the VPC's own CIDR.
        // Lattice's link-local addresses are outside the VPC and never excluded: the pod is SNATed to its node.
        var destination = link == LinkKind.Lattice ? LatticeCidr : m.VpcCidrs.GetValueOrDefault(Vpc(provider), "");
        return link == LinkKind.PrivateLink || m.SnatExcludedCidrs.Any(x => destination.Length > 0 && Cidr.Covers(x, destination))
            ? Client.Linux($"{consumer.Name()} pod (own address)")
            : Client.SnatPod($"{consumer.Name()} pod SNATed to its node");
    }

    public IReadOnlyList<string> Missing(LabService consumer, LabService provider, LinkKind link, IReadOnlyDictionary<string, string> consumerEnv)
    {
        ArgumentNullException.ThrowIfNull(consumerEnv);
        var missing = new List<string>();
        var host = LabTopology.HostName(provider, link);
        var variable = LabTopology.DiscoveryVariable(provider, link);
        if (!consumerEnv.TryGetValue(variable, out var url) || !url.Contains($"//{host}:{Port}", StringComparison.Ordinal))
        {
            missing.Add($"config: {consumer.Name()} has no {variable} pointing at {host}:{Port}");
        }

        var cVpc = Vpc(consumer);
        var pVpc = Vpc(provider);
        var record = m.Records.FirstOrDefault(r => r.Name == host && m.ZoneVpcs.TryGetValue(r.Zone, out var vpcs) && vpcs.Contains(cVpc));
        if (record.Target is null or "")
        {
            missing.Add($"dns: no record {host} in a private zone of {consumer.Name()}'s VPC");
            return missing;
        }

        var cGroup = WorkloadGroup(cVpc);
        var cSubnets = Tier(cVpc, "workload");
        var client = ConsumerClient(consumer, provider, link);
        if (link == LinkKind.Lattice)
        {
            Lattice(record.Target, host, consumer, cVpc, pVpc, cGroup, cSubnets, client, missing);
            return missing.Distinct().ToList();
        }

        List<string> nlbSubnets;
        string nlb;
        if (link == LinkKind.PrivateLink)
        {
            if (!m.Endpoints.TryGetValue(record.Target, out var endpoint) || endpoint.Vpc != cVpc)
            {
                missing.Add($"dns: {host} does not alias an interface endpoint in {consumer.Name()}'s VPC");
                return missing;
            }

            nlb = m.EndpointServices.TryGetValue(endpoint.Service, out var nlbs) ? nlbs.FirstOrDefault() ?? "" : "";
            if (!m.LoadBalancers.TryGetValue(nlb, out var lb))
            {
                missing.Add($"privatelink: endpoint {record.Target} is not attached to an endpoint service with a load balancer");
                return missing;
            }

            nlbSubnets = lb.Subnets;
            if (!endpoint.Groups.Any(g => Egress(cGroup, Port, null, g)))
            {
                missing.Add($"sg: {cGroup} egress tcp/{Port} to endpoint group {string.Join(",", endpoint.Groups)}");
            }

            if (!endpoint.Groups.Any(g => Ingress(g, Port, null, cGroup)))
            {
                missing.Add($"sg: endpoint group {string.Join(",", endpoint.Groups)} ingress tcp/{Port} from {cGroup}");
            }

            foreach (var s in cSubnets)
            {
                foreach (var e in endpoint.Subnets)
                {
                    Acls(s, e, Port, client, missing);
                }
            }
        }
        else
        {
            nlb = record.Target;
            if (!m.LoadBalancers.TryGetValue(nlb, out var lb))
            {
                missing.Add($"dns: {host} does not alias a load balancer");
                return missing;
            }

            nlbSubnets = lb.Subnets;
            foreach (var s in cSubnets)
            {
                foreach (var n in nlbSubnets)
                {
                    RouteBothWays(s, n, link, missing);
                    if (!Egress(cGroup, Port, m.AllSubnets[n].Cidr, null))
                    {
                        missing.Add($"sg: {cGroup} egress tcp/{Port} to {m.AllSubnets[n].Cidr}");
                    }

                    if (!lb.Groups.Any(g => Ingress(g, Port, m.AllSubnets[s].Cidr, null)))
                    {
                        missing.Add($"sg: load balancer {nlb} ingress tcp/{Port} from {m.AllSubnets[s].Cidr}");
                    }

                    Acls(s, n, Port, client, missing);
                }
            }
        }

        ProviderSide(nlb, nlbSubnets, pVpc, missing);
        return missing.Distinct().ToList();
    }

    /// <summary>Lattice's IPv4 range: what consumers connect to and what targets are connected from.</summary>
    public const string LatticeCidr = Network.LatticeLink.Ipv4Cidr;

    /// <summary>
    /// Consumer → Lattice → target. No routes: the consumer's VPC must be associated with a service network that holds
    /// the service, and the consumer connects to Lattice's link-local addresses (its group's egress, its subnets' ACLs,
    /// the association's group); the service's listener forwards to a target group in the provider's VPC, whose
    /// targets (the provider's instances, or an ALB in front of its pods) Lattice connects to from that range.
    /// </summary>
    private void Lattice(string service, string host, LabService consumer, string cVpc, string pVpc, string cGroup, List<string> cSubnets,
        Client client, List<string> missing)
    {
        if (!m.LatticeServices.TryGetValue(service, out var domain))
        {
            missing.Add($"dns: {host} does not alias a Lattice service");
            return;
        }

        if (domain != host)
        {
            missing.Add($"lattice: service {service} answers to '{domain}', not {host}");
        }

        var networks = m.LatticeServiceAssociations.Where(a => a.Service == service).Select(a => a.Network).ToHashSet();
        var association = m.LatticeVpcAssociations.FirstOrDefault(a => a.Vpc == cVpc && networks.Contains(a.Network));
        if (association.Network is null)
        {
            missing.Add($"lattice: {consumer.Name()}'s VPC is not associated with a service network holding {service}");
        }
        else if (!association.Groups.Any(g => Ingress(g, Port, null, cGroup)))
        {
            missing.Add($"sg: association group {string.Join(",", association.Groups)} ingress tcp/{Port} from {cGroup}");
        }

        if (!Egress(cGroup, Port, LatticeCidr, null))
        {
            missing.Add($"sg: {cGroup} egress tcp/{Port} to {LatticeCidr}");
        }

        foreach (var s in cSubnets)
        {
            Acls(s, m.AllSubnets[s].Cidr, null, LatticeCidr, AclEvaluator.Tcp, Port, client, missing);
        }

        var listener = m.LatticeListeners.FirstOrDefault(l => l.Service == service && l.Port == Port);
        if (listener.Service is null || listener.TargetGroups.Count == 0)
        {
            missing.Add($"listener: Lattice service {service} has no listener on {Port} forwarding to a target group");
            return;
        }

        var lattice = Client.LoadBalancerNode("Lattice (requests and health checks)");
        foreach (var tg in listener.TargetGroups)
        {
            if (!m.LatticeTargetGroups.TryGetValue(tg, out var group) || group.Vpc != pVpc || group.Port != Port)
            {
                missing.Add($"target: Lattice target group {tg} is not on port {Port} in the provider's VPC {pVpc}");
                continue;
            }

            if (group.Type == "ALB")
            {
                var alb = group.Targets.FirstOrDefault(t => m.LoadBalancers.ContainsKey(t));
                if (alb is null)
                {
                    missing.Add($"target: Lattice target group {tg} registers no load balancer of this template");
                    continue;
                }

                if (!m.LoadBalancers[alb].Groups.Any(g => Ingress(g, Port, LatticeCidr, null)))
                {
                    missing.Add($"sg: load balancer {alb} ingress tcp/{Port} from {LatticeCidr}");
                }

                foreach (var n in m.LoadBalancers[alb].Subnets)
                {
                    Acls(null, LatticeCidr, n, m.AllSubnets[n].Cidr, AclEvaluator.Tcp, Port, lattice, missing);
                }

                ProviderSide(alb, m.LoadBalancers[alb].Subnets, pVpc, missing);
                continue;
            }

            // INSTANCE targets: an Auto Scaling group of the provider's VPC registers its instances in the group.
            var asg = m.AutoScalingGroups.FirstOrDefault(a => a.Value.LatticeTargetGroups.Contains(tg));
            if (group.Type != "INSTANCE" || asg.Key is null)
            {
                missing.Add($"target: nothing registers targets in Lattice target group {tg} ({group.Type})");
                continue;
            }

            var pGroup = WorkloadGroup(pVpc);
            if (!Ingress(pGroup, Port, LatticeCidr, null))
            {
                missing.Add($"sg: {pGroup} ingress tcp/{Port} from {LatticeCidr}");
            }

            foreach (var w in asg.Value.Subnets)
            {
                Acls(null, LatticeCidr, w, m.AllSubnets[w].Cidr, AclEvaluator.Tcp, Port, lattice, missing);
            }
        }
    }

    private void ProviderSide(string nlb, List<string> nlbSubnets, string pVpc, List<string> missing)
    {
        if (!m.Listeners.Contains((nlb, Port)))
        {
            missing.Add($"listener: {nlb} has no listener on {Port}");
        }

        if (nlbSubnets.Any(n => m.AllSubnets[n].Vpc != pVpc))
        {
            missing.Add($"target: {nlb} is not in the provider's VPC {pVpc}");
            return;
        }

        var pGroup = WorkloadGroup(pVpc);
        var groups = m.LoadBalancers[nlb].Groups;
        if (!groups.Any(g => Egress(g, Port, null, pGroup)))
        {
            missing.Add($"sg: load balancer {nlb} egress tcp/{Port} to {pGroup}");
        }

        if (!groups.Any(g => Ingress(pGroup, Port, null, g)))
        {
            missing.Add($"sg: {pGroup} ingress tcp/{Port} from load balancer {nlb}");
        }

        foreach (var n in nlbSubnets)
        {
            // Targets and health checks alike: the NLB's nodes connect from 1024-65535, to targets in every AZ (cross-zone).
            foreach (var w in Tier(pVpc, "workload").Where(w => w != n))
            {
                Acls(n, w, Port, Client.LoadBalancerNode($"NLB {nlb} node"), missing);
            }
        }
    }

    private void RouteBothWays(string from, string to, LinkKind link, List<string> missing)
    {
        foreach (var (a, b) in new[] { (from, to), (to, from) })
        {
            var table = m.RouteTableOf.GetValueOrDefault(a, "(none)");
            var route = m.Routes.Where(r => r.Table == table && r.Destination.Length > 0 && Cidr.Covers(r.Destination, m.AllSubnets[b].Cidr))
                .OrderByDescending(r => Cidr.Parse(r.Destination).Prefix).FirstOrDefault();
            var (vpcA, vpcB) = (m.AllSubnets[a].Vpc, m.AllSubnets[b].Vpc);
            if (route.Table is null)
            {
                missing.Add($"route: table {table} of {a} has no route to {m.AllSubnets[b].Cidr}");
            }
            else if (link == LinkKind.Peering && !(route.Kind == "pcx" && m.Peerings.TryGetValue(route.Target, out var p) &&
                                                   new[] { p.Vpc, p.PeerVpc }.Order().SequenceEqual(new[] { vpcA, vpcB }.Order())))
            {
                missing.Add($"route: table {table} sends {m.AllSubnets[b].Cidr} to {route.Target}, not a peering connection between {vpcA} and {vpcB}");
            }
            else if (link == LinkKind.Tgw && !TgwCarries(route, vpcA, vpcB))
            {
                missing.Add($"tgw: table {table} sends {m.AllSubnets[b].Cidr} to {route.Target}, which has no attachment of {vpcA} associated with a TGW route table propagating {vpcB}");
            }
        }
    }

    private bool TgwCarries((string Table, string Destination, string Kind, string Target) route, string fromVpc, string toVpc)
    {
        if (route.Kind != "tgw")
        {
            return false;
        }

        var source = m.TgwAttachments.Where(a => a.Value.Tgw == route.Target && a.Value.Vpc == fromVpc).Select(a => a.Key).ToList();
        var dest = m.TgwAttachments.Where(a => a.Value.Tgw == route.Target && a.Value.Vpc == toVpc).Select(a => a.Key).ToList();
        return m.TgwAssociations.Where(a => source.Contains(a.Attachment))
            .Any(a => m.TgwPropagations.Any(p => p.Table == a.Table && dest.Contains(p.Attachment)));
    }

    /// <summary>
    /// The request from <paramref name="client"/>'s subnet to the server's port, and every reply back to the client's
    /// source ports, through both subnets' network ACLs. A null subnet is outside the VPC (S3 through a gateway
    /// endpoint): only the other side's ACL applies.
    /// </summary>
    public void Acls(string? clientSubnet, string clientCidr, string? serverSubnet, string serverCidr, int protocol, int port, Client client, List<string> missing)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(missing);
        if (clientSubnet is not null && clientSubnet == serverSubnet)
        {
            return; // traffic inside one subnet never crosses its ACL
        }

        var request = PortRange.Of(port);
        Acl(clientSubnet, true, protocol, request, serverCidr, $"request of {client.Who}", missing);
        Acl(serverSubnet, false, protocol, request, clientCidr, $"request of {client.Who}", missing);
        Acl(serverSubnet, true, protocol, client.SourcePorts, clientCidr, $"reply to {client}", missing);
        Acl(clientSubnet, false, protocol, client.SourcePorts, serverCidr, $"reply to {client}", missing);
    }

    /// <summary>Subnet CIDR of a subnet's logical id.</summary>
    public string SubnetCidr(string subnet) => m.AllSubnets[subnet].Cidr;

    private void Acls(string client, string server, int port, Client who, List<string> missing) =>
        Acls(client, m.AllSubnets[client].Cidr, server, m.AllSubnets[server].Cidr, AclEvaluator.Tcp, port, who, missing);

    private void Acl(string? subnet, bool egress, int protocol, PortRange ports, string peer, string why, List<string> missing)
    {
        if (subnet is null || !m.AclOf.TryGetValue(subnet, out var acl))
        {
            return; // outside the VPC, or the VPC's default ACL, which allows everything
        }

        var denied = AclEvaluator.Denied(m.AclEntries.GetValueOrDefault(acl, []), egress, protocol, ports, peer);
        if (denied.Count > 0)
        {
            var name = protocol == AclEvaluator.Udp ? "udp" : "tcp";
            missing.Add($"nacl: {acl} ({m.AllSubnets[subnet].Tier} {m.AllSubnets[subnet].Cidr}) {(egress ? "outbound to" : "inbound from")} {peer} " +
                        $"{name}/{string.Join(",", denied)} denied: {why}");
        }
    }

    public bool Egress(string group, int port, string? cidr, string? peerGroup) => Allows(group, true, port, cidr, peerGroup);

    public bool Ingress(string group, int port, string? cidr, string? peerGroup) => Allows(group, false, port, cidr, peerGroup);

    private bool Allows(string group, bool egress, int port, string? cidr, string? peerGroup) =>
        m.GroupRules.GetValueOrDefault(group, []).Any(r => r.Egress == egress && r.Protocol is "tcp" or "-1" && r.From <= port && port <= r.To &&
            ((cidr is not null && r.Cidr is not null && Cidr.Covers(r.Cidr, cidr)) || (peerGroup is not null && r.PeerGroup == peerGroup)));

    public string Vpc(LabService service) => m.AllSubnets.Values.Select(s => s.Vpc).First(v => v.StartsWith($"NetworkVpc{service}Vpc", StringComparison.Ordinal));

    public string WorkloadGroup(string vpc) =>
        m.GroupVpc.First(g => g.Value == vpc && m.GroupDescription[g.Key].StartsWith("Lab workload", StringComparison.Ordinal)).Key;

    public List<string> Tier(string vpc, string tier) => m.AllSubnets.Where(s => s.Value.Vpc == vpc && s.Value.Tier == tier).Select(s => s.Key).ToList();
}
