namespace TracingLab.Contracts.Links;

/// <summary>What each link changes for a call, in one line: the lab console's legend and service-map labels use it.</summary>
public static class LinkDescriptions
{
    /// <summary>The description of <paramref name="link"/>, or a neutral line for a name the lab does not know.</summary>
    public static string Describe(string link) => link switch
    {
        LinkNames.Peering => "VPC peering: no device in between; the callee sees the caller's own address; same-AZ data free.",
        LinkNames.Tgw => "Transit Gateway: one routed hop through the hub; the callee still sees the caller's address; per attachment-hour and GB.",
        LinkNames.PrivateLink => "PrivateLink: interface endpoint → NLB; the callee sees the NLB's address, not the caller's; per endpoint-AZ-hour and GB.",
        LinkNames.Lattice => "VPC Lattice: an HTTP proxy hop; the callee sees Lattice's link-local address and the caller in x-forwarded-for, plus x-amzn-lattice-* headers; per service-hour, GB and request.",
        _ => $"{link}: not one of the lab's links ({LinkNames.Allowed}).",
    };
}
