using Amazon.CDK;
using Constructs;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The Lattice link in a nested stack of the lab: the all-links lab with three AZs is close to CloudFormation's 500
/// resources per stack, and the link's ~30 resources (network, services, listeners, target groups, associations,
/// service B's ALB, names) fit in a stack of their own that takes the lab's ids as parameters.
/// </summary>
public sealed class LatticeStack : NestedStack
{
    public LatticeStack(Construct scope, string id, LatticeLinkProps props)
        : base(scope, id, new NestedStackProps { Description = "TracingLab: the VPC Lattice link" })
    {
        Link = new LatticeLink(this, "Link", props);
    }

    /// <summary>The service network, services and their targets.</summary>
    public LatticeLink Link { get; }
}
