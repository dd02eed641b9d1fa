using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="PeeringLink"/>.</summary>
public sealed class PeeringLinkProps
{
    /// <summary>The three lab VPCs.</summary>
    public required IReadOnlyDictionary<LabService, LabVpc> Vpcs { get; init; }
}
