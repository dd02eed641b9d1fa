using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="PrivateLinkLink"/>.</summary>
public sealed class PrivateLinkLinkProps
{
    /// <summary>The three lab VPCs.</summary>
    public required IReadOnlyDictionary<LabService, LabVpc> Vpcs { get; init; }

    /// <summary>Each provider's PrivateLink NLB (from <see cref="ServiceIngress"/>).</summary>
    public required IReadOnlyDictionary<LabService, ServiceIngress> Ingresses { get; init; }
}
