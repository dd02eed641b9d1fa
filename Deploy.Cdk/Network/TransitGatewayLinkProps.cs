using Amazon.CDK.AWS.Logs;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="TransitGatewayLink"/>.</summary>
public sealed class TransitGatewayLinkProps
{
    /// <summary>The three lab VPCs.</summary>
    public required IReadOnlyDictionary<LabService, LabVpc> Vpcs { get; init; }

    /// <summary>Retention of the Transit Gateway flow logs. Default one month.</summary>
    public RetentionDays FlowLogRetention { get; init; } = RetentionDays.ONE_MONTH;

    /// <summary>The Transit Gateway's private ASN. Default 64512.</summary>
    public int AmazonSideAsn { get; init; } = 64512;
}
