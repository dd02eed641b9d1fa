using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>Props of <see cref="EndpointDirectory"/>.</summary>
public sealed class EndpointDirectoryProps
{
    /// <summary>The three lab VPCs.</summary>
    public required IReadOnlyDictionary<LabService, LabVpc> Vpcs { get; init; }

    /// <summary>Enabled links.</summary>
    public required IReadOnlyList<LinkKind> Links { get; init; }

    /// <summary>Provider NLBs by (provider, link).</summary>
    public required IReadOnlyDictionary<(LabService, LinkKind), ServiceIngress> Ingresses { get; init; }

    /// <summary>The PrivateLink link when enabled, else null.</summary>
    public PrivateLinkLink? PrivateLink { get; init; }
}
