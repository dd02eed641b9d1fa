using Amazon.CDK;
using Constructs;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy;

/// <summary>
/// The whole lab in one stack. One stack on purpose: a link switched off removes its NLB target groups and URLs
/// together with their users, with no cross-stack export left holding them.
/// </summary>
public sealed class TracingLabStack : Stack
{
    public TracingLabStack(Construct scope, string id, TracingLabStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;
        var azs = Enumerable.Range(0, settings.AzCount).Select(i => $"{settings.Region}{(char)('a' + i)}").ToList();

        Network = new LabNetwork(this, "Network", new LabNetworkProps
        {
            Links = settings.Links,
            Cidrs = new Dictionary<LabService, Configuration.Ipv4Cidr>
            {
                [LabService.A] = settings.CidrA,
                [LabService.B] = settings.CidrB,
                [LabService.C] = settings.CidrC,
            },
            AvailabilityZones = azs,
            NatGateways = settings.NatGateways,
        });
    }

    /// <summary>VPCs, links and endpoints.</summary>
    public LabNetwork Network { get; }
}
