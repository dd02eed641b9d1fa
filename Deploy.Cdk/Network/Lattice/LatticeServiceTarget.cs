using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.VpcLattice;
using Amazon.JSII.Runtime.Deputy;

namespace TracingLab.Deploy.Network;

/// <summary>A Route 53 alias to a Lattice service's generated name (Route 53 guide, "Routing traffic to Amazon VPC Lattice service domain endpoint").</summary>
internal sealed class LatticeServiceTarget(CfnService service) : DeputyBase, IAliasRecordTarget
{
    public IAliasRecordTargetConfig Bind(IRecordSet record, IHostedZone? zone = null) => new AliasRecordTargetConfig
    {
        DnsName = service.AttrDnsEntryDomainName,
        HostedZoneId = service.AttrDnsEntryHostedZoneId,
    };
}
