using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>
/// Walks one call (consumer → provider over a link) hop by hop through a <see cref="NetworkModel"/>, as VPC
/// Reachability Analyzer would: the URL the consumer is given, the private DNS record it resolves, route tables and
/// their targets (peering connection, Transit Gateway attachment and route table) both ways, the load balancer or
/// interface endpoint and its listener, security groups on each side and network ACLs in both directions.
/// Returns every hop that is missing, each named; an empty list is a path.
/// </summary>
public sealed class PathWalker(NetworkModel m)
{
    /// <summary>A representative client source port (Linux ephemeral range; ELB uses 1024-65535 too).</summary>
    public const int ClientPort = 40000;
    private const int Port = LabTopology.ServicePort;

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
                    Acls(s, e, Port, missing);
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

                    Acls(s, n, Port, missing);
                }
            }
        }

        ProviderSide(nlb, nlbSubnets, pVpc, missing);
        return missing.Distinct().ToList();
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
            foreach (var w in Tier(pVpc, "workload").Where(w => w != n))
            {
                Acls(n, w, Port, missing);
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

    // Request from a client port to the service port, and the reply back, through both subnets' ACLs.
    private void Acls(string client, string server, int port, List<string> missing)
    {
        var (c, s) = (m.AllSubnets[client].Cidr, m.AllSubnets[server].Cidr);
        Acl(client, true, port, s, missing);
        Acl(server, false, port, c, missing);
        Acl(server, true, ClientPort, c, missing);
        Acl(client, false, ClientPort, s, missing);
    }

    private void Acl(string subnet, bool egress, int port, string peer, List<string> missing)
    {
        if (!m.AclOf.TryGetValue(subnet, out var acl))
        {
            return; // the VPC's default ACL allows everything
        }

        var entry = m.AclEntries.GetValueOrDefault(acl, []).Where(e => e.Egress == egress).OrderBy(e => e.Number)
            .FirstOrDefault(e => e.Protocol is 6 or -1 && e.From <= port && port <= e.To && Cidr.Covers(e.Cidr, peer));
        if (entry is not { Allow: true })
        {
            missing.Add($"nacl: {acl} ({m.AllSubnets[subnet].Tier} {m.AllSubnets[subnet].Cidr}) {(egress ? "outbound to" : "inbound from")} {peer} tcp/{port}");
        }
    }

    private bool Egress(string group, int port, string? cidr, string? peerGroup) => Allows(group, true, port, cidr, peerGroup);

    private bool Ingress(string group, int port, string? cidr, string? peerGroup) => Allows(group, false, port, cidr, peerGroup);

    private bool Allows(string group, bool egress, int port, string? cidr, string? peerGroup) =>
        m.GroupRules.GetValueOrDefault(group, []).Any(r => r.Egress == egress && r.Protocol is "tcp" or "-1" && r.From <= port && port <= r.To &&
            ((cidr is not null && r.Cidr is not null && Cidr.Covers(r.Cidr, cidr)) || (peerGroup is not null && r.PeerGroup == peerGroup)));

    private string Vpc(LabService service) => m.AllSubnets.Values.Select(s => s.Vpc).First(v => v.StartsWith($"NetworkVpc{service}Vpc", StringComparison.Ordinal));

    private string WorkloadGroup(string vpc) =>
        m.GroupVpc.First(g => g.Value == vpc && m.GroupDescription[g.Key].StartsWith("Lab workload", StringComparison.Ordinal)).Key;

    private List<string> Tier(string vpc, string tier) => m.AllSubnets.Where(s => s.Value.Vpc == vpc && s.Value.Tier == tier).Select(s => s.Key).ToList();
}
