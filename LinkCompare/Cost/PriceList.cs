namespace TracingLab.LinkCompare.Cost;

/// <summary>
/// The dated, sourced prices the cost table uses (<c>LinkCompare/Prices/aws-links-us-east-1.json</c>); read with
/// <see cref="PriceFile"/>.
/// </summary>
public sealed record PriceList(
    DateOnly AsOf,
    string Region,
    string Currency,
    double HoursPerMonth,
    Price TgwAttachmentHour,
    Price TgwDataPerGb,
    Price PeeringCrossAzPerGb,
    Price PrivateLinkEndpointAzHour,
    Price PrivateLinkDataPerGb,
    Price NlbHour,
    Price NlcuHour,
    Price LatticeServiceHour,
    Price LatticeDataPerGb,
    Price LatticeRequestsPerMillion,
    double LatticeFreeRequestsPerServiceHour,
    IReadOnlyList<string> Checked)
{
    /// <summary>Every price, in file order.</summary>
    public IEnumerable<Price> All =>
        [TgwAttachmentHour, TgwDataPerGb, PeeringCrossAzPerGb, PrivateLinkEndpointAzHour, PrivateLinkDataPerGb, NlbHour, NlcuHour,
            LatticeServiceHour, LatticeDataPerGb, LatticeRequestsPerMillion];
}
