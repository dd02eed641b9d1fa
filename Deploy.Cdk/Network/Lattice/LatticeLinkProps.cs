using Amazon.CDK.AWS.AutoScaling;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="LatticeLink"/>.</summary>
public sealed class LatticeLinkProps
{
    /// <summary>The three lab VPCs.</summary>
    public required IReadOnlyDictionary<LabService, LabVpc> Vpcs { get; init; }

    /// <summary>Where the link publishes its names (the consumers' private zones) and URL parameters.</summary>
    public required EndpointDirectory Directory { get; init; }

    /// <summary>Entries the workload ACLs need for Lattice, added from this stack (<see cref="LabNetwork.NestedAclRules"/>).</summary>
    public IReadOnlyList<(LabService Service, SubnetTierAcl Acl, IReadOnlyList<AclRule> Rules)> AclRules { get; init; } = [];

    /// <summary>Service C's Auto Scaling group: it registers its instances in C's Lattice target group.</summary>
    public required AutoScalingGroup ServiceCGroup { get; init; }

    /// <summary>Retention of the access log group. Default one month, as the flow logs.</summary>
    public Amazon.CDK.AWS.Logs.RetentionDays AccessLogRetention { get; init; } = Amazon.CDK.AWS.Logs.RetentionDays.ONE_MONTH;
}
