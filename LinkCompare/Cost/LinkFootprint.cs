using TracingLab.Contracts.Links;

namespace TracingLab.LinkCompare.Cost;

/// <summary>The billable resources one link deploys in the CDK stack (Deploy.Cdk/Network).</summary>
/// <param name="Link">tgw, peering, privatelink or lattice.</param>
/// <param name="TgwAttachments">Transit Gateway VPC attachments (TransitGatewayLink: one per VPC).</param>
/// <param name="PeeringConnections">Peering connections (PeeringLink: one per edge; no hourly charge).</param>
/// <param name="InterfaceEndpoints">PrivateLink interface endpoints (PrivateLinkLink: one per edge), each in every AZ.</param>
/// <param name="AvailabilityZones">AZs of the VPCs (CDK context <c>azs</c>: 2 or 3).</param>
/// <param name="LoadBalancers">Internal NLBs (LabNetwork: one ServiceIngress per provider per link; none for lattice).</param>
/// <param name="LatticeServices">VPC Lattice services (one per provider, B and C); the service network and its VPC
/// associations have no charge of their own.</param>
public sealed record LinkFootprint(
    string Link, int TgwAttachments, int PeeringConnections, int InterfaceEndpoints, int AvailabilityZones, int LoadBalancers, int LatticeServices = 0)
{
    /// <summary>The lab's three VPCs (A, B, C).</summary>
    public const int Vpcs = 3;

    /// <summary>The lab's call edges: A→B, A→C, B→C.</summary>
    public const int Edges = 3;

    /// <summary>Services that are called (B and C), each behind one NLB per link.</summary>
    public const int Providers = 2;

    /// <summary>What <paramref name="link"/> deploys with <paramref name="availabilityZones"/> AZs.</summary>
    /// <exception cref="ArgumentException">An unknown link or an AZ count other than 2 or 3.</exception>
    public static LinkFootprint For(string link, int availabilityZones)
    {
        if (availabilityZones is not (2 or 3))
        {
            throw new ArgumentException($"azs: {availabilityZones} is not allowed; allowed: 2 or 3 (the CDK stack's 'azs' context).", nameof(availabilityZones));
        }

        return link switch
        {
            LinkNames.Tgw => new(link, Vpcs, 0, 0, availabilityZones, Providers),
            LinkNames.Peering => new(link, 0, Edges, 0, availabilityZones, Providers),
            LinkNames.PrivateLink => new(link, 0, 0, Edges, availabilityZones, Providers),
            // Lattice's target groups reach the tasks, pods and instances themselves: no NLB in front.
            LinkNames.Lattice => new(link, 0, 0, 0, availabilityZones, 0, Providers),
            _ => throw new ArgumentException($"link: '{link}' is not priced; allowed: {LinkNames.Allowed}.", nameof(link)),
        };
    }
}
