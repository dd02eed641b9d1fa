using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The allow entries of every subnet tier, decided from the links and who calls whom. Ports: the service port (8080),
/// the ALB (80, VPC A), HTTPS to AWS APIs (443), and in VPC B the cluster's own traffic (kubelet 10250, CoreDNS 53,
/// OTLP 4317-4318, metrics-server 10251, load balancer controller webhook 9443). Returns use the ephemeral ports:
/// 32768-65535 back to the lab's Linux clients, 1024-65535 back to load balancer nodes (Elastic Load Balancing picks
/// source ports from that range). The Transit Gateway attachment subnets keep the default ACL, as the Transit Gateway
/// design best practices advise (filter in the workload subnets, not in the attachment subnets).
/// </summary>
public static class NetworkAclPlan
{
    public const int Tcp = 6;
    public const int Udp = 17;
    private const int Port = LabTopology.ServicePort;
    private static readonly (int Protocol, int From, int To)[] ClusterPorts =
        [(Tcp, 10250, 10251), (Tcp, 53, 53), (Udp, 53, 53), (Tcp, 4317, 4318), (Tcp, 9443, 9443)];

    /// <summary>Workload tier of <paramref name="service"/>'s VPC.</summary>
    public static IEnumerable<AclRule> Workload(LabService service, IReadOnlyDictionary<LabService, LabVpc> vpcs,
        IReadOnlyList<LinkKind> links, IReadOnlyList<Ipv4Cidr> clientCidrs)
    {
        ArgumentNullException.ThrowIfNull(vpcs);
        var own = vpcs[service].Cidr;
        yield return new AclRule(false, own, Tcp, Port, Port);              // from the VPC's load balancers
        yield return new AclRule(true, own, Tcp, 1024, 65535);              // replies to them
        yield return new AclRule(true, "0.0.0.0/0", Tcp, 443, 443);         // S3 (public ranges) and the endpoints
        yield return new AclRule(false, "0.0.0.0/0", Tcp, 32768, 65535);    // replies to the workload's own calls
        yield return new AclRule(true, own, Tcp, Port, Port);               // load balancers to targets in another AZ
        if (service == LabService.A)
        {
            foreach (var cidr in clientCidrs.Select(c => c.ToString()).Prepend(own))
            {
                yield return new AclRule(false, cidr, Tcp, 80, 80);
                yield return new AclRule(true, cidr, Tcp, 1024, 65535);
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
            yield return new AclRule(false, own, Udp, 32768, 65535);         // DNS replies between pods
            yield return new AclRule(true, own, Udp, 32768, 65535);
        }

        // Entries name VPCs, not subnets (the security groups name the subnets): CloudFormation's 500 resources
        // per stack leave no room for one entry per subnet with 3 AZs.
        if (links.Any(l => l != LinkKind.PrivateLink))
        {
            foreach (var provider in LabTopology.ProvidersOf(service))
            {
                yield return new AclRule(true, vpcs[provider].Cidr, Tcp, Port, Port);
            }
        }
    }

    /// <summary>Ingress tier of a routed link in a provider's VPC: consumers in, the provider's workloads out.</summary>
    public static IEnumerable<AclRule> Ingress(LabService provider, IReadOnlyDictionary<LabService, LabVpc> vpcs)
    {
        ArgumentNullException.ThrowIfNull(vpcs);
        foreach (var consumer in LabTopology.ConsumersOf(provider))
        {
            yield return new AclRule(false, vpcs[consumer].Cidr, Tcp, Port, Port);
            yield return new AclRule(true, vpcs[consumer].Cidr, Tcp, 32768, 65535);
        }

        yield return new AclRule(true, vpcs[provider].Cidr, Tcp, Port, Port);
        yield return new AclRule(false, vpcs[provider].Cidr, Tcp, 1024, 65535);
    }

    /// <summary>Endpoints tier: HTTPS to AWS services, and the service port to PrivateLink endpoints, from the VPC only.</summary>
    public static IEnumerable<AclRule> Endpoints(LabService service, IReadOnlyDictionary<LabService, LabVpc> vpcs, IReadOnlyList<LinkKind> links)
    {
        ArgumentNullException.ThrowIfNull(vpcs);
        var own = vpcs[service].Cidr;
        yield return new AclRule(false, own, Tcp, 443, 443);
        yield return new AclRule(true, own, Tcp, 1024, 65535);
        if (links.Contains(LinkKind.PrivateLink) && LabTopology.Consumers.Contains(service))
        {
            yield return new AclRule(false, own, Tcp, Port, Port);
        }
    }
}
