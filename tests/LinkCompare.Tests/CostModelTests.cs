using TracingLab.LinkCompare.Cost;

namespace TracingLab.LinkCompare.Tests;

public sealed class CostModelTests
{
    private static readonly PriceList Prices = PriceFile.Load(RepoPaths.PriceFile());

    [Fact]
    public void OneGigabyteInAnHourIsPricedPerLinkWithTheStacksResourceCounts()
    {
        var traffic = new[] { new LinkTraffic("tgw", 1_000_000_000, true), new LinkTraffic("peering", 1_000_000_000, true), new LinkTraffic("privatelink", 1_000_000_000, false) };

        var table = CostModel.Compute(Prices, traffic, TimeSpan.FromHours(1), availabilityZones: 2);

        var tgw = table.Lines[0];
        Assert.Equal(730, tgw.GigabytesPerMonth, 6);
        // 3 attachments × 730 h × $0.05 + 2 NLBs × 730 h × $0.0225
        Assert.Equal(109.5 + 32.85, tgw.FixedPerMonthUsd, 4);
        // 730 GB × ($0.02 TGW + $0.006 NLCU)
        Assert.Equal(730 * 0.026, tgw.DataPerMonthUsd, 4);
        Assert.Equal(tgw.FixedPerMonthUsd + tgw.DataPerMonthUsd, tgw.TotalPerMonthUsd, 4);
        // one hour of fixed charges + 1 GB of data
        Assert.Equal(0.15 + 0.045 + 0.026, tgw.RunCostUsd, 6);

        var peering = table.Lines[1];
        Assert.Equal(32.85, peering.FixedPerMonthUsd, 4);
        // half the bytes cross AZs with 2 AZs, $0.01 each direction, plus NLCU
        Assert.Equal(730 * ((0.5 * 2 * 0.01) + 0.006), peering.DataPerMonthUsd, 4);

        var privatelink = table.Lines[2];
        // 3 endpoints × 2 AZs × 730 h × $0.01 + NLBs
        Assert.Equal(43.8 + 32.85, privatelink.FixedPerMonthUsd, 4);
        Assert.Equal(730 * 0.016, privatelink.DataPerMonthUsd, 4);
        Assert.Contains(privatelink.Breakdown, b => b.StartsWith("6 endpoint-AZs (3 endpoints × 2 AZs) × 730 h × $0.0100 = $43.80/month", StringComparison.Ordinal));
    }

    [Fact]
    public void LatticeIsPricedPerServiceHourPerGigabyteAndPerRequestBeyondTheFreeShare()
    {
        // 1 GB and 1.8 M requests in one hour: 900,000 per service-hour over 2 services, 600,000 of them billable.
        var table = CostModel.Compute(Prices, [new LinkTraffic("lattice", 1_000_000_000, true, Requests: 1_800_000)], TimeSpan.FromHours(1), availabilityZones: 2);

        var lattice = Assert.Single(table.Lines);
        // 2 services × 730 h × $0.025, no NLB
        Assert.Equal(36.5, lattice.FixedPerMonthUsd, 4);
        // 730 GB × $0.025 + 600,000 × 2 services × 730 h / 1 M × $0.10
        Assert.Equal((730 * 0.025) + (1.2 * 730 * 0.1), lattice.DataPerMonthUsd, 4);
        // one hour: 2 service-hours, 1 GB, 1.2 M billable requests
        Assert.Equal(0.05 + 0.025 + 0.12, lattice.RunCostUsd, 6);
        Assert.Contains(lattice.Breakdown, b => b.StartsWith("2 Lattice services × 730 h × $0.0250 = $36.50/month", StringComparison.Ordinal));
        Assert.Contains(lattice.Breakdown, b => b.StartsWith("900000 requests per service-hour × 2 services, 300000 free each", StringComparison.Ordinal));
        Assert.DoesNotContain(lattice.Breakdown, b => b.Contains("NLB", StringComparison.Ordinal));
        Assert.Contains(table.PriceSources, s => s == "https://aws.amazon.com/vpc/lattice/pricing/");
    }

    [Fact]
    public void LatticeRequestsWithinTheFreeShareCostNothing()
    {
        var table = CostModel.Compute(Prices, [new LinkTraffic("lattice", 0, false, Requests: 3000)], TimeSpan.FromMinutes(1), availabilityZones: 3);

        Assert.Equal(36.5, table.Lines[0].FixedPerMonthUsd, 4);
        Assert.Equal(0, table.Lines[0].DataPerMonthUsd, 6);
    }

    [Fact]
    public void ThreeAzsRaiseTheEndpointHoursAndThePeeringCrossAzShare()
    {
        var table = CostModel.Compute(Prices, [new LinkTraffic("privatelink", 0, false), new LinkTraffic("peering", 1_000_000_000, false)], TimeSpan.FromHours(1), 3);
        Assert.Equal((9 * 730 * 0.01) + 32.85, table.Lines[0].FixedPerMonthUsd, 4);
        Assert.Equal(730 * (((2.0 / 3) * 2 * 0.01) + 0.006), table.Lines[1].DataPerMonthUsd, 4);
    }

    [Fact]
    public void TheTableCarriesTheDateSourcesAndEveryAssumption()
    {
        var table = CostModel.Compute(Prices, [new LinkTraffic("tgw", 5000, true), new LinkTraffic("peering", 7000, false)], TimeSpan.FromSeconds(20), 2);

        Assert.Equal(Prices.AsOf, table.PricesAsOf);
        Assert.Equal("us-east-1", table.Region);
        Assert.Equal(Prices.All.Select(p => p.Source).Distinct(), table.PriceSources);
        Assert.Contains(table.Assumptions, a => a.Contains("3 VPC attachments", StringComparison.Ordinal) && a.Contains("2 internal NLBs", StringComparison.Ordinal));
        Assert.Contains(table.Assumptions, a => a.StartsWith("A month is 730 hours", StringComparison.Ordinal));
        Assert.Contains(table.Assumptions, a => a.StartsWith("tgw: bytes from the relays' flow records", StringComparison.Ordinal));
        Assert.Contains(table.Assumptions, a => a.StartsWith("peering: no flow records", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownLinksAndAzCountsAreRejectedNamingTheValue()
    {
        Assert.Contains("'vpn'", Assert.Throws<ArgumentException>(() => CostModel.Compute(Prices, [new LinkTraffic("vpn", 1, false)], TimeSpan.FromSeconds(1), 2)).Message, StringComparison.Ordinal);
        Assert.Contains("azs: 4", Assert.Throws<ArgumentException>(() => CostModel.Compute(Prices, [new LinkTraffic("tgw", 1, false)], TimeSpan.FromSeconds(1), 4)).Message, StringComparison.Ordinal);
    }
}
