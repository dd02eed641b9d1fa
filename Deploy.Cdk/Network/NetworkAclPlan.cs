using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The allow entries of every subnet tier, decided from the links and who calls whom. Each tier lists the requests it
/// lets through — the service port (8080), the ALB (80, VPC A), HTTPS to AWS APIs (443), and in VPC B the cluster's
/// own traffic (kubelet 10250, CoreDNS 53, OTLP 4317-4318, metrics-server 10251, load balancer controller webhook
/// 9443) — and <see cref="WithReplies"/> adds, for each, its return traffic on 1024-65535. NACLs are stateless, and a
/// reply's port is the client's source port, which is not always Linux's 32768-60999: load balancer nodes and health
/// checks use 1024-65535 (Elastic Load Balancing, network ACLs for your load balancer), and so does the VPC CNI when it
/// SNATs a pod to its node (amazon-vpc-cni-k8s, AWS_VPC_K8S_CNI_RANDOMIZESNAT). The VPC user guide's NACL guidance is
/// the same: open 1024-65535 for return traffic. The Transit Gateway attachment subnets keep the default ACL, as the
/// Transit Gateway design best practices advise (filter in the workload subnets, not in the attachment subnets).
/// </summary>
public static class NetworkAclPlan
{
    public const int Tcp = 6;
    public const int Udp = 17;

    /// <summary>Where every reply may come back: the whole unprivileged range.</summary>
    public const int ReplyFrom = 1024;

    private const int ReplyTo = 65535;
    private const int Port = LabTopology.ServicePort;
    private static readonly (int Protocol, int From, int To)[] ClusterPorts =
        [(Tcp, 10250, 10251), (Tcp, 53, 53), (Udp, 53, 53), (Tcp, 4317, 4318), (Tcp, 9443, 9443)];

    /// <summary>Workload tier of <paramref name="service"/>'s VPC.</summary>
    public static IEnumerable<AclRule> Workload(LabService service, IReadOnlyDictionary<LabService, LabVpc> vpcs,
        IReadOnlyList<LinkKind> links, IReadOnlyList<Ipv4Cidr> clientCidrs) => WithReplies(WorkloadRequests(service, vpcs, links, clientCidrs));

    /// <summary>Ingress tier of a routed link in a provider's VPC: consumers in, the provider's workloads out.</summary>
    public static IEnumerable<AclRule> Ingress(LabService provider, IReadOnlyDictionary<LabService, LabVpc> vpcs)
    {
        ArgumentNullException.ThrowIfNull(vpcs);
        var requests = LabTopology.ConsumersOf(provider).Select(c => new AclRule(false, vpcs[c].Cidr, Tcp, Port, Port))
            .Append(new AclRule(true, vpcs[provider].Cidr, Tcp, Port, Port));
        return WithReplies(requests);
    }

    /// <summary>Endpoints tier: HTTPS to AWS services, and the service port to PrivateLink endpoints, from the VPC only.</summary>
    public static IEnumerable<AclRule> Endpoints(LabService service, IReadOnlyDictionary<LabService, LabVpc> vpcs, IReadOnlyList<LinkKind> links)
    {
        ArgumentNullException.ThrowIfNull(vpcs);
        ArgumentNullException.ThrowIfNull(links);
        var own = vpcs[service].Cidr;
        var requests = new List<AclRule> { new(false, own, Tcp, 443, 443) };
        if (links.Contains(LinkKind.PrivateLink) && LabTopology.Consumers.Contains(service))
        {
            requests.Add(new AclRule(false, own, Tcp, Port, Port));
        }

        return WithReplies(requests);
    }

    /// <summary>
    /// The requests, then for each the opposite direction to or from the same peer on 1024-65535 — once per peer and
    /// protocol, and none under a reply already open to 0.0.0.0/0 (the 20-entries-per-direction quota is tight).
    /// </summary>
    public static IEnumerable<AclRule> WithReplies(IEnumerable<AclRule> requests)
    {
        var list = requests.Distinct().ToList();
        var replies = list.Select(r => new AclRule(!r.Egress, r.Cidr, r.Protocol, ReplyFrom, ReplyTo)).Distinct().ToList();
        replies.RemoveAll(r => r.Cidr != AnyIpv4 && replies.Contains(r with { Cidr = AnyIpv4 }));
        return list.Concat(replies);
    }

    private const string AnyIpv4 = "0.0.0.0/0";

    private static IEnumerable<AclRule> WorkloadRequests(LabService service, IReadOnlyDictionary<LabService, LabVpc> vpcs,
        IReadOnlyList<LinkKind> links, IReadOnlyList<Ipv4Cidr> clientCidrs)
    {
        ArgumentNullException.ThrowIfNull(vpcs);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(clientCidrs);
        var own = vpcs[service].Cidr;
        yield return new AclRule(false, own, Tcp, Port, Port);              // from the VPC's load balancers
        yield return new AclRule(true, own, Tcp, Port, Port);               // load balancers to targets in another AZ
        yield return new AclRule(true, AnyIpv4, Tcp, 443, 443);             // S3 (public ranges) and the endpoints
        if (service == LabService.A)
        {
            // The ALB has a node in every workload subnet and its name returns them all: clients in VPC A reach each.
            yield return new AclRule(true, own, Tcp, 80, 80);
            foreach (var cidr in clientCidrs.Select(c => c.ToString()).Prepend(own))
            {
                yield return new AclRule(false, cidr, Tcp, 80, 80);
            }
        }

        if (service == LabService.B)
        {
            foreach (var (protocol, from, to) in ClusterPorts)
            {
                yield return new AclRule(false, own, protocol, from, to);
                yield return new AclRule(true, own, protocol, from, to);
            }

            yield return new AclRule(false, own, Tcp, 443, 443);             // the private Kubernetes API endpoint
        }

        // Entries name VPCs, not subnets (the security groups name the subnets): CloudFormation's 500 resources
        // per stack leave no room for one entry per subnet with 3 AZs.
        if (links.Any(l => l.IsRouted()))
        {
            foreach (var provider in LabTopology.ProvidersOf(service))
            {
                yield return new AclRule(true, vpcs[provider].Cidr, Tcp, Port, Port);
            }
        }

        // Lattice's own range, not the peer VPC, is on the wire: consumers call it and providers' targets (C's
        // instances, B's internal ALB) are called and health-checked from it. NACLs cannot name the prefix list.
        if (links.Contains(LinkKind.Lattice))
        {
            if (LabTopology.Consumers.Contains(service))
            {
                yield return new AclRule(true, LatticeLink.Ipv4Cidr, Tcp, Port, Port);
            }

            if (LabTopology.Providers.Contains(service))
            {
                yield return new AclRule(false, LatticeLink.Ipv4Cidr, Tcp, Port, Port);
            }
        }
    }
}
