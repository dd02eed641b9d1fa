using TracingLab.Contracts.Links;

namespace TracingLab.Deploy.Configuration;

/// <summary>The interchangeable ways a consumer VPC reaches a provider service. Chosen at synthesis time.</summary>
public enum LinkKind
{
    /// <summary>A Transit Gateway with its own route table; every VPC attaches through small dedicated subnets.</summary>
    Tgw,

    /// <summary>One VPC peering connection per edge (A–B, A–C, B–C).</summary>
    Peering,

    /// <summary>Provider NLB → endpoint service → consumer interface endpoint. Works with overlapping CIDRs.</summary>
    PrivateLink,

    /// <summary>VPC Lattice: a service network the consumer VPCs associate with, one Lattice service per provider. No routes.</summary>
    Lattice,
}

/// <summary>
/// What really differs between links in AWS, as data: the rest of the app asks these questions instead of switching
/// on a link's name.
/// </summary>
/// <param name="Link">The link.</param>
/// <param name="Name">Its name in <see cref="LinkNames"/>.</param>
/// <param name="Pascal">Its PascalCase name for construct ids and outputs.</param>
/// <param name="Routed">
/// Consumers reach the provider's own addresses through route table entries (tgw, peering): the link needs its own
/// ingress subnets, non-overlapping CIDRs, and pods keep their own source address across it.
/// </param>
/// <param name="ProviderNlb">The provider serves the link through an internal NLB of its own (<c>ServiceIngress</c>).</param>
/// <param name="OwnStack">
/// The link's resources, down to its entries on the lab's network ACLs, live in a nested stack of their own (the lab's
/// stack is near CloudFormation's 500 resources with three AZs).
/// </param>
public sealed record LinkTraits(LinkKind Link, string Name, string Pascal, bool Routed, bool ProviderNlb, bool OwnStack = false);

/// <summary>
/// Names used for links in context values, SSM parameter paths, DNS names and discovery keys: the lab's one list,
/// <see cref="LinkNames"/>, so a link is spelled the same locally and in AWS.
/// </summary>
public static class LinkKinds
{
    private static readonly LinkTraits[] Table =
    [
        new(LinkKind.Tgw, LinkNames.Tgw, "Tgw", Routed: true, ProviderNlb: true),
        new(LinkKind.Peering, LinkNames.Peering, "Peering", Routed: true, ProviderNlb: true),
        new(LinkKind.PrivateLink, LinkNames.PrivateLink, "PrivateLink", Routed: false, ProviderNlb: true),
        // Lattice is its own proxy: it reaches service C's instances and service B's internal ALB (LatticeLink).
        new(LinkKind.Lattice, LinkNames.Lattice, "Lattice", Routed: false, ProviderNlb: false, OwnStack: true),
    ];

    /// <summary>Every link, in the order of <see cref="LinkNames.All"/>.</summary>
    public static IReadOnlyList<LinkKind> All { get; } =
        LinkNames.All.Select(name => Table.SingleOrDefault(t => t.Name == name)?.Link
            ?? throw new InvalidOperationException($"LinkNames.All has '{name}', which Deploy.Cdk's LinkKinds table lacks; add its traits there.")).ToList();

    /// <summary>What differs for <paramref name="link"/>.</summary>
    public static LinkTraits Traits(this LinkKind link) =>
        Table.SingleOrDefault(t => t.Link == link) ?? throw new ArgumentOutOfRangeException(nameof(link), link, "Unknown link.");

    /// <summary>The lower-case name of a link: <c>tgw</c>, <c>peering</c>, <c>privatelink</c> or <c>lattice</c>.</summary>
    public static string Name(this LinkKind link) => link.Traits().Name;

    /// <summary>The PascalCase name used in construct ids and output names.</summary>
    public static string Pascal(this LinkKind link) => link.Traits().Pascal;

    /// <summary>Whether the link is carried by routes (tgw, peering); see <see cref="LinkTraits.Routed"/>.</summary>
    public static bool IsRouted(this LinkKind link) => link.Traits().Routed;

    /// <summary>Whether each provider has an NLB of its own for the link; see <see cref="LinkTraits.ProviderNlb"/>.</summary>
    public static bool HasProviderNlb(this LinkKind link) => link.Traits().ProviderNlb;

    /// <summary>Parses a context name; returns false for anything but the names of <see cref="All"/>.</summary>
    public static bool TryParse(string value, out LinkKind link)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), value, StringComparison.OrdinalIgnoreCase))
            {
                link = candidate;
                return true;
            }
        }

        link = default;
        return false;
    }
}
