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
}

/// <summary>
/// Names used for links in context values, SSM parameter paths, DNS names and discovery keys: the lab's one list,
/// <see cref="LinkNames"/>, so a link is spelled the same locally and in AWS.
/// </summary>
public static class LinkKinds
{
    /// <summary>Every link, in the order they are documented.</summary>
    public static IReadOnlyList<LinkKind> All { get; } = [LinkKind.Tgw, LinkKind.Peering, LinkKind.PrivateLink];

    /// <summary>The lower-case name of a link: <c>tgw</c>, <c>peering</c> or <c>privatelink</c>.</summary>
    public static string Name(this LinkKind link) => link switch
    {
        LinkKind.Tgw => LinkNames.Tgw,
        LinkKind.Peering => LinkNames.Peering,
        LinkKind.PrivateLink => LinkNames.PrivateLink,
        _ => throw new ArgumentOutOfRangeException(nameof(link), link, "Unknown link."),
    };

    /// <summary>The PascalCase name used in construct ids and output names.</summary>
    public static string Pascal(this LinkKind link) => link switch
    {
        LinkKind.Tgw => "Tgw",
        LinkKind.Peering => "Peering",
        LinkKind.PrivateLink => "PrivateLink",
        _ => throw new ArgumentOutOfRangeException(nameof(link), link, "Unknown link."),
    };

    /// <summary>Parses a context name; returns false for anything but the three names.</summary>
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
