namespace TracingLab.LinkCompare.Model;

/// <summary>
/// The inter-VPC links of the lab by the names the AppHost's flags, the relays, the compare command and its report use
/// (the services spell the same names in ServiceDefaults' <c>LabLinks</c>).
/// </summary>
public static class LinkNames
{
    /// <summary>Transit Gateway: an extra routed hop.</summary>
    public const string Tgw = "tgw";

    /// <summary>VPC peering: no added hop.</summary>
    public const string Peering = "peering";

    /// <summary>PrivateLink: an NLB hop whose address the provider sees instead of the caller's.</summary>
    public const string PrivateLink = "privatelink";

    /// <summary>Every link, in the lab's default order.</summary>
    public static readonly IReadOnlyList<string> All = [Tgw, Peering, PrivateLink];
}
