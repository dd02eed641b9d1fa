namespace TracingLab.Contracts.Links;

/// <summary>
/// The inter-VPC links of the lab by the names every process spells them with: the AppHost's flags and resources, the
/// services' discovery endpoints and baggage, the <c>lab.link</c> attribute, the comparison and its report.
/// </summary>
public static class LinkNames
{
    /// <summary>Transit Gateway: an extra routed hop.</summary>
    public const string Tgw = "tgw";

    /// <summary>VPC peering: no added hop.</summary>
    public const string Peering = "peering";

    /// <summary>PrivateLink (NLB + endpoint service + interface endpoint): the provider sees the NLB's address, not the caller's.</summary>
    public const string PrivateLink = "privatelink";

    /// <summary>
    /// VPC Lattice: an application-layer proxy between the VPCs; the provider sees Lattice's link-local address
    /// (169.254.171.0/24) and the caller's in <c>x-forwarded-for</c>.
    /// </summary>
    public const string Lattice = "lattice";

    /// <summary>Every link, in the lab's display order; adding a link starts here.</summary>
    public static IReadOnlyList<string> All { get; } = [Tgw, Peering, PrivateLink, Lattice];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/> (ordinal, as the names are written).</summary>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>The names of <see cref="All"/> joined for an error message: <c>tgw, peering, privatelink, lattice</c>.</summary>
    public static string Allowed => string.Join(", ", All);
}
