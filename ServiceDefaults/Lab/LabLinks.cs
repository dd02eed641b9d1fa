namespace TracingLab.ServiceDefaults.Lab;

/// <summary>The inter-VPC links of the lab, by the names used in service discovery, baggage and span attributes.</summary>
public static class LabLinks
{
    /// <summary>Transit Gateway.</summary>
    public const string TransitGateway = "tgw";

    /// <summary>VPC Peering.</summary>
    public const string Peering = "peering";

    /// <summary>PrivateLink (NLB + endpoint service + interface endpoint).</summary>
    public const string PrivateLink = "privatelink";

    /// <summary>No link: the provider's plain <c>http</c> endpoint, as a stock Aspire AppHost injects it.</summary>
    public const string Direct = "direct";

    /// <summary>The span attribute and baggage key that names the link a request travels over.</summary>
    public const string AttributeName = "lab.link";

    /// <summary>The span attribute that names a hop, e.g. <c>servicea→serviceb</c>.</summary>
    public const string HopAttributeName = "lab.hop";

    /// <summary>Every link, in the canonical order.</summary>
    public static IReadOnlyList<string> All { get; } = [TransitGateway, Peering, PrivateLink];

    /// <summary>Whether <paramref name="name"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
