using Amazon.CDK.AWS.EC2;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>One route a routed link adds: in <see cref="Subnet"/>'s route table, to <see cref="Destination"/>, via the link toward <see cref="Peer"/>.</summary>
public sealed record PlannedRoute(LabService Owner, ISubnet Subnet, string Destination, LabService Peer);

/// <summary>
/// The routes of a routed link (tgw or peering). Consumers route only to the provider's ingress subnets of that link;
/// the provider's ingress subnets route back to the consumer's VPC. Because each link has its own ingress subnets,
/// two links never put the same destination in one route table.
/// </summary>
public static class RoutePlan
{
    public static IEnumerable<PlannedRoute> For(LinkKind link, IReadOnlyDictionary<LabService, LabVpc> vpcs)
    {
        ArgumentNullException.ThrowIfNull(vpcs);
        if (!link.IsRouted())
        {
            yield break;
        }

        foreach (var edge in LabTopology.Edges)
        {
            var consumer = vpcs[edge.Consumer];
            var provider = vpcs[edge.Provider];
            foreach (var routeTableSubnet in consumer.WorkloadSubnets)
            {
                foreach (var ingress in provider.IngressSubnets(link))
                {
                    yield return new PlannedRoute(edge.Consumer, routeTableSubnet, ingress.Ipv4CidrBlock, edge.Provider);
                }
            }

            foreach (var ingress in provider.IngressSubnets(link))
            {
                yield return new PlannedRoute(edge.Provider, ingress, consumer.Cidr, edge.Consumer);
            }
        }
    }
}
