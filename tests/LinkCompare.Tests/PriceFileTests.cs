using TracingLab.LinkCompare.Cost;

namespace TracingLab.LinkCompare.Tests;

public sealed class PriceFileTests
{
    [Fact]
    public void TheRepositoryPriceFileIsValidDatedSourcedAndEmbeddedUnchanged()
    {
        var file = PriceFile.Load(RepoPaths.PriceFile());
        var embedded = PriceFile.LoadDefault();

        Assert.Equal(file, embedded with { Checked = file.Checked });
        Assert.Equal(file.Checked, embedded.Checked);
        Assert.Equal("us-east-1", file.Region);
        Assert.True(file.AsOf >= new DateOnly(2026, 1, 1), $"prices dated {file.AsOf}");
        Assert.All(file.All, p => Assert.StartsWith("https://aws.amazon.com/", p.Source, StringComparison.Ordinal));
        Assert.Equal(0.05, file.TgwAttachmentHour.Usd);
        Assert.Equal(0.01, file.PrivateLinkEndpointAzHour.Usd);
        Assert.Equal((0.025, 0.025, 0.1, 300_000), (file.LatticeServiceHour.Usd, file.LatticeDataPerGb.Usd, file.LatticeRequestsPerMillion.Usd, file.LatticeFreeRequestsPerServiceHour));
        Assert.Contains(file.Checked, c => c.StartsWith("2026-12-06: VPC Lattice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"usd\": 0.05,", "\"usd\": -1,", "prices.tgwAttachmentHour.usd: -1 is out of range")]
    [InlineData("\"usd\": 0.05,", "\"usd\": \"cheap\",", "prices.tgwAttachmentHour.usd: \"cheap\" is not a number")]
    [InlineData("\"asOf\": \"2026-11-22\"", "\"asOf\": \"22/11/2026\"", "asOf: \"22/11/2026\" is not a date")]
    [InlineData("\"hoursPerMonth\": 730", "\"hoursPerMonth\": 30", "hoursPerMonth: 30 is out of range; allowed: 672 to 744")]
    [InlineData("\"currency\": \"USD\"", "\"currency\": \"EUR\"", "currency: 'EUR' is not supported")]
    [InlineData("\"source\": \"https://aws.amazon.com/privatelink/pricing/\"", "\"source\": \"aws.amazon.com/privatelink\"", "prices.privateLinkEndpointAzHour.source: 'aws.amazon.com/privatelink' is not an absolute https URL")]
    [InlineData("\"nlcuHour\"", "\"nlcuHours\"", "prices.nlcuHour: missing")]
    [InlineData("\"latticeRequestsPerMillion\"", "\"latticeRequests\"", "prices.latticeRequestsPerMillion: missing")]
    [InlineData("\"latticeFreeRequestsPerServiceHour\": 300000", "\"latticeFreeRequestsPerServiceHour\": -5", "latticeFreeRequestsPerServiceHour: -5 is out of range")]
    public void AMalformedPriceFileIsRejectedNamingTheFieldAndValue(string from, string to, string expected)
    {
        var json = File.ReadAllText(RepoPaths.PriceFile());
        var index = json.IndexOf(from, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{from}' not in the price file");
        var broken = string.Concat(json.AsSpan(0, index), to, json.AsSpan(index + from.Length));

        var e = Assert.Throws<PriceFileException>(() => PriceFile.Parse(broken, "test.json"));
        Assert.Contains("test.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonJsonAndMissingFilesGiveClearErrors()
    {
        Assert.Contains("not valid JSON", Assert.Throws<PriceFileException>(() => PriceFile.Parse("{ nope", "x.json")).Message, StringComparison.Ordinal);
        Assert.Contains("the root is Array", Assert.Throws<PriceFileException>(() => PriceFile.Parse("[]", "x.json")).Message, StringComparison.Ordinal);
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");
        Assert.Contains(missing, Assert.Throws<PriceFileException>(() => PriceFile.Load(missing)).Message, StringComparison.Ordinal);
    }
}
