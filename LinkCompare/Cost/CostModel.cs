using System.Globalization;
using TracingLab.Contracts.Links;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Cost;

/// <summary>
/// Prices each link at the measured traffic: its fixed hourly resources (as the CDK stack deploys them) for a month and
/// for the run, plus its per-GB charges at the run's bytes per second, sustained for a month. Every assumption is
/// written into <see cref="CostTable.Assumptions"/>.
/// </summary>
public static class CostModel
{
    /// <summary>Bytes per GB in the projection (AWS prices data per GB; decimal GB assumed).</summary>
    public const double BytesPerGb = 1e9;

    /// <summary>Computes the cost table.</summary>
    /// <param name="prices">The price list.</param>
    /// <param name="traffic">Bytes per link, in report order.</param>
    /// <param name="runDuration">The measured run's duration (bytes per second = bytes / this).</param>
    /// <param name="availabilityZones">AZs per VPC (2 or 3).</param>
    public static CostTable Compute(PriceList prices, IReadOnlyList<LinkTraffic> traffic, TimeSpan runDuration, int availabilityZones)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(traffic);
        if (runDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(runDuration), runDuration, "The run's duration must be positive.");
        }

        var crossAz = (availabilityZones - 1) / (double)availabilityZones;
        var lines = traffic.Select(t => Line(prices, t, runDuration, LinkFootprint.For(t.Link, availabilityZones), crossAz)).ToList();
        var assumptions = new List<string>
        {
            $"Resource counts as Deploy.Cdk deploys them, with {availabilityZones} Availability Zones (CDK context 'azs'): tgw = {LinkFootprint.Vpcs} VPC attachments; peering = {LinkFootprint.Edges} peering connections (A–B, A–C, B–C; no hourly charge); privatelink = {LinkFootprint.Edges} interface endpoints (A→B, A→C, B→C) × {availabilityZones} AZs and {LinkFootprint.Providers} endpoint services (no charge); every link but lattice also has {LinkFootprint.Providers} internal NLBs (one per provider, B and C); lattice = {LinkFootprint.Providers} Lattice services (B and C) in one service network, whose VPC associations have no charge, and no NLB.",
            $"A month is {F(prices.HoursPerMonth, 0)} hours; data charges project the run's measured bytes per second ({F(runDuration.TotalSeconds, 1)} s measured) over the whole month.",
            "GB = 10^9 bytes.",
            $"Peering: {F(crossAz * 100, 0)} % of the bytes cross Availability Zones (callers and callees spread evenly over {availabilityZones} AZs, NLB cross-zone on), charged in each direction; same-AZ traffic is free.",
            "NLB capacity (NLCU) is priced on the bytes dimension only (1 NLCU-hour per GB); at lab rates new and active flows stay far below 800/s and 100,000.",
            "Not included: cross-AZ data transfer on tgw and privatelink paths, NAT gateways, interface endpoints for AWS services, compute, flow logs and CloudWatch.",
            "Run cost prorates hourly charges to the run's duration; AWS bills each partial hour as a full hour.",
            $"Lattice requests: every probe crosses {LinkFootprint.Edges} hops (A→B, B→C, A→C), each one request to a Lattice service; the run's rate is spread evenly over the {LinkFootprint.Providers} services and sustained for the month, and the first {F(prices.LatticeFreeRequestsPerServiceHour, 0)} requests per service-hour are free. Lattice bytes are the bytes between Lattice and the callee (its flow records), which the pricing page's request + response definition matches.",
        };
        foreach (var t in traffic)
        {
            assumptions.Add(t.FromFlows
                ? $"{t.Link}: bytes from the relays' flow records during the run ({t.Bytes.ToString(CultureInfo.InvariantCulture)} B; a record reaching outside the run counts in proportion to its overlap)."
                : $"{t.Link}: no flow records, so the load generator's request + response bytes stand in ({t.Bytes.ToString(CultureInfo.InvariantCulture)} B); the inter-VPC hops (A→B, B→C, A→C) carry other messages, so this is a proxy for the link's bytes.");
        }

        return new CostTable(
            prices.Region,
            prices.AsOf,
            [.. prices.All.Select(p => p.Source).Distinct(StringComparer.Ordinal)],
            assumptions,
            lines);
    }

    private static CostLine Line(PriceList prices, LinkTraffic traffic, TimeSpan run, LinkFootprint footprint, double crossAz)
    {
        var hours = prices.HoursPerMonth;
        var gbPerMonth = traffic.Bytes / run.TotalSeconds * 3600 * hours / BytesPerGb;
        var gbRun = traffic.Bytes / BytesPerGb;
        var breakdown = new List<string>();
        double fixedPerHour = 0, perGb = 0;

        void Hourly(int count, string what, Price price)
        {
            if (count == 0)
            {
                return;
            }

            fixedPerHour += count * price.Usd;
            breakdown.Add($"{count} {what} × {F(hours, 0)} h × ${F(price.Usd, 4)} = ${F(count * hours * price.Usd, 2)}/month");
        }

        void Data(double factor, string what, Price price)
        {
            perGb += factor * price.Usd;
            var factorText = factor == 1 ? "" : $" × {F(factor, 2)}";
            breakdown.Add($"{F(gbPerMonth, 3)} GB{factorText} × ${F(price.Usd, 4)} ({what}) = ${F(gbPerMonth * factor * price.Usd, 2)}/month");
        }

        switch (footprint.Link)
        {
            case LinkNames.Tgw:
                Hourly(footprint.TgwAttachments, "TGW attachments", prices.TgwAttachmentHour);
                Data(1, "TGW data processing", prices.TgwDataPerGb);
                break;
            case LinkNames.Peering:
                breakdown.Add($"{footprint.PeeringConnections} peering connections: no hourly charge");
                Data(crossAz * 2, "cross-AZ share, both directions", prices.PeeringCrossAzPerGb);
                break;
            case LinkNames.PrivateLink:
                Hourly(footprint.InterfaceEndpoints * footprint.AvailabilityZones, $"endpoint-AZs ({footprint.InterfaceEndpoints} endpoints × {footprint.AvailabilityZones} AZs)", prices.PrivateLinkEndpointAzHour);
                Data(1, "PrivateLink data processing", prices.PrivateLinkDataPerGb);
                break;
            case LinkNames.Lattice:
                Hourly(footprint.LatticeServices, "Lattice services", prices.LatticeServiceHour);
                Data(1, "Lattice data processing", prices.LatticeDataPerGb);
                break;
        }

        if (footprint.LoadBalancers > 0)
        {
            Hourly(footprint.LoadBalancers, "NLBs", prices.NlbHour);
            Data(1, "NLCU, bytes dimension", prices.NlcuHour);
        }

        var (requestMonth, requestRun) = footprint.LatticeServices > 0 ? Requests(prices, traffic, run, footprint.LatticeServices, breakdown) : (0, 0);
        var fixedMonth = fixedPerHour * hours;
        var dataMonth = (gbPerMonth * perGb) + requestMonth;
        var runCost = (fixedPerHour * run.TotalHours) + (gbRun * perGb) + requestRun;
        return new CostLine(
            traffic.Link,
            Math.Round(gbPerMonth, 6),
            Math.Round(fixedMonth, 4),
            Math.Round(dataMonth, 4),
            Math.Round(fixedMonth + dataMonth, 4),
            Math.Round(runCost, 6),
            breakdown);
    }

    // Lattice counts each service's requests per hour and charges only those beyond the free share of that hour.
    private static (double Month, double Run) Requests(PriceList prices, LinkTraffic traffic, TimeSpan run, int services, List<string> breakdown)
    {
        var hours = prices.HoursPerMonth;
        var perServiceHour = traffic.Requests / run.TotalHours / services;
        var billablePerServiceHour = Math.Max(0, perServiceHour - prices.LatticeFreeRequestsPerServiceHour);
        var perMillion = prices.LatticeRequestsPerMillion.Usd;
        var month = billablePerServiceHour * services * hours / 1e6 * perMillion;
        var runBillable = Math.Max(0, traffic.Requests - (prices.LatticeFreeRequestsPerServiceHour * services * run.TotalHours));
        breakdown.Add($"{F(perServiceHour, 0)} requests per service-hour × {services} services, {F(prices.LatticeFreeRequestsPerServiceHour, 0)} free each: " +
            $"{F(billablePerServiceHour * services * hours / 1e6, 3)} M billable × ${F(perMillion, 4)} = ${F(month, 2)}/month");
        return (month, runBillable / 1e6 * perMillion);
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
