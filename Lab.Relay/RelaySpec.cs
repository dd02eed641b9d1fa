using System.Net;
using TracingLab.Contracts.Links;

namespace TracingLab.Relay;

/// <summary>What one relay emulates: consumer → provider over one link.</summary>
/// <param name="Link">tgw, peering, privatelink or lattice.</param>
/// <param name="Consumer">The calling service.</param>
/// <param name="Provider">The called service.</param>
/// <param name="Target">The provider's own endpoint.</param>
/// <param name="Profile">Delay and jitter per direction.</param>
/// <param name="SourceAddress">
/// The address the outgoing connection binds to (privatelink's emulated NLB, lattice's link-local stand-in), or null to
/// bind the caller's own address (peering, tgw), so the provider sees the caller.
/// </param>
/// <param name="Path">The hops a packet takes, consumer first, provider last.</param>
/// <param name="InterfaceId">The provider-side interface its flow records are captured on.</param>
public sealed record RelaySpec(
    string Link,
    string Consumer,
    string Provider,
    IPEndPoint Target,
    LinkProfile Profile,
    IPAddress? SourceAddress,
    IReadOnlyList<string> Path,
    string InterfaceId)
{
    /// <summary>
    /// The relay's traits for <paramref name="link"/>; <paramref name="nlbAddress"/> is used by privatelink only,
    /// <paramref name="latticeAddress"/> by lattice only (default 127.0.171.1).
    /// </summary>
    public static RelaySpec For(
        string link, string consumer, string provider, IPEndPoint target, LinkProfile profile, IPAddress nlbAddress, IPAddress? latticeAddress = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(consumer);
        return link switch
        {
            // Peering routes straight from one VPC's route table to the other's: no device in between.
            LinkNames.Peering => new(link, consumer, provider, target, profile, null, [consumer, provider], $"eni-peering-{provider}"),
            // A TGW hop is attachment → TGW route table → attachment; the source address is preserved.
            LinkNames.Tgw => new(
                link, consumer, provider, target, profile, null,
                [consumer, $"tgw-attachment-{Vpc(consumer)}", "tgw", $"tgw-attachment-{Vpc(provider)}", provider],
                $"eni-tgw-{provider}"),
            // PrivateLink: the consumer's interface endpoint → the provider's NLB, which opens its own connection to
            // the target, so the provider sees the NLB's private IP (Proxy Protocol v2 would carry the original).
            LinkNames.PrivateLink => new(
                link, consumer, provider, target, profile, nlbAddress,
                [consumer, $"vpce-{Vpc(consumer)}-{provider}", $"nlb-{provider}", provider],
                $"eni-privatelink-nlb-{provider}"),
            // Lattice: the consumer's VPC association → the Lattice service → its target group; Lattice opens its own
            // connection to the target from its link-local range, and an HTTP hop in front adds its headers.
            LinkNames.Lattice => new(
                link, consumer, provider, target, profile, latticeAddress ?? Lattice.LatticeIdentity.AddressFor(1),
                [consumer, $"sn-assoc-{Vpc(consumer)}", $"lattice-svc-{provider}", $"tg-{provider}", provider],
                $"eni-lattice-{provider}"),
            _ => throw new ArgumentException($"Unknown link '{link}'; allowed: {LinkNames.Allowed}.", nameof(link)),
        };
    }

    // servicea → vpc-a: each service lives in its own VPC (ARCHITECTURE.md).
    internal static string Vpc(string service) =>
        "vpc-" + (service.StartsWith("service", StringComparison.Ordinal) && service.Length > 7 ? service[7..] : service);
}
