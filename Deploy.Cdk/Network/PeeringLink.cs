using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The peering link: one VPC peering connection per edge (A–B, A–C, B–C), same account and region, so it is accepted
/// on creation; routes on both sides in every route table that carries the edge's traffic.
/// </summary>
public sealed class PeeringLink : Construct
{
    private readonly Dictionary<(LabService, LabService), CfnVPCPeeringConnection> _connections = [];

    public PeeringLink(Construct scope, string id, PeeringLinkProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        foreach (var edge in LabTopology.Edges)
        {
            var connection = new CfnVPCPeeringConnection(this, $"{edge.Consumer}{edge.Provider}", new CfnVPCPeeringConnectionProps
            {
                VpcId = props.Vpcs[edge.Consumer].Vpc.VpcId,
                PeerVpcId = props.Vpcs[edge.Provider].Vpc.VpcId,
                Tags = [new CfnTag { Key = "Name", Value = $"tracinglab-{edge.Consumer.Name()}-{edge.Provider.Name()}" }],
            });
            _connections[Key(edge.Consumer, edge.Provider)] = connection;
        }

        var n = 0;
        foreach (var route in RoutePlan.For(LinkKind.Peering, props.Vpcs))
        {
            _ = new CfnRoute(this, $"Route{route.Owner}{n++}", new CfnRouteProps
            {
                RouteTableId = route.Subnet.RouteTable.RouteTableId,
                DestinationCidrBlock = route.Destination,
                VpcPeeringConnectionId = Connection(route.Owner, route.Peer).Ref,
            });
        }
    }

    /// <summary>The peering connection between two services' VPCs, in either order.</summary>
    public CfnVPCPeeringConnection Connection(LabService one, LabService other) => _connections[Key(one, other)];

    private static (LabService, LabService) Key(LabService one, LabService other) => one < other ? (one, other) : (other, one);
}
