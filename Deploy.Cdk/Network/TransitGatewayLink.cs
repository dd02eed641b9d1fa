using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The Transit Gateway link: one TGW with default association and propagation off, an explicit route table, one
/// attachment per VPC in its dedicated /28 subnets, VPC routes that depend on the attachment, and TGW flow logs.
/// </summary>
public sealed class TransitGatewayLink : Construct
{
    public TransitGatewayLink(Construct scope, string id, TransitGatewayLinkProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        Gateway = new CfnTransitGateway(this, "Tgw", new CfnTransitGatewayProps
        {
            Description = "TracingLab link: tgw",
            AmazonSideAsn = props.AmazonSideAsn,
            DefaultRouteTableAssociation = "disable",
            DefaultRouteTablePropagation = "disable",
            AutoAcceptSharedAttachments = "disable",
            DnsSupport = "enable",
            VpnEcmpSupport = "disable",
            Tags = [new CfnTag { Key = "Name", Value = "tracinglab-tgw" }],
        });

        RouteTable = new CfnTransitGatewayRouteTable(this, "RouteTable", new CfnTransitGatewayRouteTableProps
        {
            TransitGatewayId = Gateway.Ref,
            Tags = [new CfnTag { Key = "Name", Value = "tracinglab-tgw" }],
        });

        var attachments = new Dictionary<LabService, CfnTransitGatewayAttachment>();
        foreach (var (service, vpc) in props.Vpcs)
        {
            var attachment = new CfnTransitGatewayAttachment(this, $"Attachment{service}", new CfnTransitGatewayAttachmentProps
            {
                TransitGatewayId = Gateway.Ref,
                VpcId = vpc.Vpc.VpcId,
                SubnetIds = vpc.TgwSubnets.Select(s => s.SubnetId).ToArray(),
                Tags = [new CfnTag { Key = "Name", Value = $"tracinglab-tgw-{service.Name()}" }],
            });
            attachments[service] = attachment;

            _ = new CfnTransitGatewayRouteTableAssociation(this, $"Association{service}", new CfnTransitGatewayRouteTableAssociationProps
            {
                TransitGatewayAttachmentId = attachment.Ref,
                TransitGatewayRouteTableId = RouteTable.Ref,
            });
            // Propagation writes each VPC's CIDR into the TGW route table: three distinct destinations.
            _ = new CfnTransitGatewayRouteTablePropagation(this, $"Propagation{service}", new CfnTransitGatewayRouteTablePropagationProps
            {
                TransitGatewayAttachmentId = attachment.Ref,
                TransitGatewayRouteTableId = RouteTable.Ref,
            });
        }

        var n = 0;
        foreach (var route in RoutePlan.For(LinkKind.Tgw, props.Vpcs))
        {
            var cfnRoute = new CfnRoute(this, $"Route{route.Owner}{n++}", new CfnRouteProps
            {
                RouteTableId = route.Subnet.RouteTable.RouteTableId,
                DestinationCidrBlock = route.Destination,
                TransitGatewayId = Gateway.Ref,
            });
            // A route to a TGW fails until the VPC's attachment exists.
            cfnRoute.AddDependency(attachments[route.Owner]);
        }

        FlowLogGroup = new LogGroup(this, "FlowLogs", new LogGroupProps
        {
            Retention = props.FlowLogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        _ = new FlowLog(this, "FlowLog", new FlowLogProps
        {
            ResourceType = FlowLogResourceType.FromTransitGatewayId(Gateway.Ref),
            Destination = FlowLogDestination.ToCloudWatchLogs(FlowLogGroup),
            MaxAggregationInterval = FlowLogMaxAggregationInterval.ONE_MINUTE,
        });
    }

    /// <summary>The Transit Gateway.</summary>
    public CfnTransitGateway Gateway { get; }

    /// <summary>The explicit route table every attachment associates with.</summary>
    public CfnTransitGatewayRouteTable RouteTable { get; }

    /// <summary>Where the TGW flow logs go.</summary>
    public LogGroup FlowLogGroup { get; }
}
