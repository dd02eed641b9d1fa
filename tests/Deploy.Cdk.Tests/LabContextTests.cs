using TracingLab.Contracts.Links;
using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Tests;

public class LabContextTests
{
    [Fact]
    public void TheCdkLinksAreTheLabsLinksInTheSameOrder() =>
        Assert.Equal(LinkNames.All, LinkKinds.All.Select(l => l.Name()));

    private static LabSettings Read(params (string Key, object Value)[] pairs)
    {
        var context = pairs.ToDictionary(p => p.Key, p => p.Value);
        return LabContext.Read(key => context.GetValueOrDefault(key), "us-east-1", buildTag: "0123456789ab");
    }

    private static string Refused(params (string Key, object Value)[] pairs) =>
        Assert.Throws<LabContextException>(() => Read(pairs)).Message;

    [Fact]
    public void DefaultsArePeeringTwoAzsNoNatAndTheDocumentedCidrs()
    {
        var s = Read();
        Assert.Equal([LinkKind.Peering], s.Links);
        Assert.Equal(2, s.AzCount);
        Assert.Equal(0, s.NatGateways);
        Assert.Equal("10.10.0.0/16", s.CidrA.ToString());
        Assert.Equal("10.20.0.0/16", s.CidrB.ToString());
        Assert.Equal("10.30.0.0/16", s.CidrC.ToString());
        Assert.Equal("us-east-1", s.Region);
    }

    [Fact]
    public void BogusLinkIsRefusedNamingTheKeyTheValueAndEveryAllowedLink()
    {
        var message = Refused(("links", "bogus"));
        Assert.Contains("'links'", message);
        Assert.Contains("bogus", message);
        Assert.Contains("tgw", message);
        Assert.Contains("peering", message);
        Assert.Contains("privatelink", message);
    }

    [Fact]
    public void LinksAreReadFromACommaListOrAJsonArrayInDocumentedOrder()
    {
        Assert.Equal([LinkKind.Tgw, LinkKind.Peering, LinkKind.PrivateLink], Read(("links", "privatelink, tgw,peering")).Links);
        Assert.Equal([LinkKind.Tgw, LinkKind.PrivateLink], Read(("links", new object[] { "privatelink", "tgw" })).Links);
        Assert.Empty(Read(("links", "none")).Links);
        Assert.Empty(Read(("links", "")).Links);
    }

    [Theory]
    [InlineData("tgw")]
    [InlineData("peering")]
    [InlineData("tgw,privatelink")]
    [InlineData("peering,lattice")]
    public void OverlappingCidrsAreRefusedWhenARoutedLinkIsOn(string links)
    {
        var message = Refused(("links", links), ("cidrB", "10.10.128.0/18"));
        Assert.Contains("'cidrA' 10.10.0.0/16 overlaps 'cidrB' 10.10.128.0/18", message);
        Assert.Contains("only links that need no routes (privatelink, lattice)", message);
    }

    [Theory]
    [InlineData("privatelink")]
    [InlineData("lattice")]
    [InlineData("privatelink,lattice")]
    public void OverlappingCidrsAreAllowedWithTheLinksThatNeedNoRoutes(string links)
    {
        var s = Read(("links", links), ("cidrA", "10.0.0.0/16"), ("cidrB", "10.0.0.0/16"), ("cidrC", "10.0.0.0/16"));
        Assert.Equal(s.CidrA, s.CidrC);
    }

    [Fact]
    public void EveryLinkTheLabNamesIsALinkTheCdkAppKnows()
    {
        Assert.Equal(TracingLab.Contracts.Links.LinkNames.All, LinkKinds.All.Select(l => l.Name()));
        Assert.Equal([LinkKind.Tgw, LinkKind.Peering, LinkKind.PrivateLink, LinkKind.Lattice], Read(("links", "lattice,privatelink,peering,tgw")).Links);
    }

    [Theory]
    [InlineData("azs", "4", "allowed: 2, 3")]
    [InlineData("azs", "two", "allowed: 2, 3")]
    [InlineData("natGateways", "-1", "allowed: 0, 1, 2, 3")]
    [InlineData("cidrA", "10.10.0.1/16", "host bits")]
    [InlineData("cidrB", "banana", "not an IPv4 CIDR")]
    [InlineData("cidrC", "10.30.0.0/24", "/16 to /18")]
    [InlineData("region", "mars-1", "AWS region")]
    [InlineData("imageTag", "-bad tag", "1-128 characters")]
    [InlineData("allowedIngressCidrs", "0.0.0.0/0", "0.0.0.0/0 and other huge ranges are refused")]
    [InlineData("alarmEmail", "not-an-email", "email address")]
    public void EachBadKeyIsRefusedWithItsNameValueAndWhatIsAllowed(string key, string value, string allowed)
    {
        var message = Refused((key, value));
        Assert.Contains($"'{key}'", message);
        Assert.Contains(value, message);
        Assert.Contains(allowed, message);
    }

    [Fact]
    public void MoreNatGatewaysThanAzsIsRefused()
    {
        var message = Refused(("azs", 2), ("natGateways", 3));
        Assert.Contains("'natGateways' is 3 but 'azs' is 2", message);
    }

    [Fact]
    public void EveryProblemIsReportedInOneError()
    {
        var e = Assert.Throws<LabContextException>(() => Read(("links", "bogus"), ("azs", "9")));
        Assert.Equal(2, e.Errors.Count);
    }

    [Fact]
    public void NumbersFromCdkJsonAreAccepted()
    {
        var s = Read(("azs", 3.0), ("natGateways", 1L));
        Assert.Equal(3, s.AzCount);
        Assert.Equal(1, s.NatGateways);
    }

    [Fact]
    public void CommandLineContextPairsAreParsedAndMalformedOnesRefused()
    {
        var context = CommandLineContext.Parse(["-c", "links=tgw,peering", "--context=azs=3", "-c", "traceExport=xray"]);
        Assert.Equal("tgw,peering", context["links"]);
        Assert.Equal("3", context["azs"]);
        Assert.Equal("xray", context["traceExport"]);
        var e = Assert.Throws<LabContextException>(() => CommandLineContext.Parse(["links"]));
        Assert.Contains("-c key=value", e.Message);
        Assert.Contains("(5000 characters)", Assert.Throws<LabContextException>(() => CommandLineContext.Parse(["-c", new string('k', 5000)])).Message);
        Assert.Contains("-c key=value", Assert.Throws<LabContextException>(() => CommandLineContext.Parse(["-c"])).Message);
    }

    [Theory]
    [InlineData("use1-az3,use1-az1", "'azIds' has 'use1-az3', where EKS cannot create a cluster")]
    [InlineData("euw1-az1,euw1-az2", "'azIds' has 'euw1-az1', which is not in 'region' us-east-1")]
    [InlineData("us-east-1a,us-east-1b", "ids, not names")]
    [InlineData("use1-az1", "allowed: 2 or 3 distinct AZ ids")]
    public void AzIdsThatCannotHostTheLabAreRefusedNamingTheId(string ids, string expected) =>
        Assert.Contains(expected, Refused(("azIds", ids)));

    [Fact]
    public void AzIdsDefaultToTheRegionsEksSupportedZones()
    {
        Assert.Equal(["use1-az1", "use1-az2", "use1-az4"], Read(("azs", 3)).AzIds);
        Assert.Contains("'azIds' is not set and 'region' 'ap-south-2' has no default", Refused(("region", "ap-south-2"), ("natGateways", 1)));
    }

    [Fact]
    public void NoNatWorksOutsideUsEast1BecauseNothingComesFromAnotherRegionsBucket() =>
        Assert.Equal(0, Read(("region", "eu-west-1")).NatGateways);

    [Theory]
    [InlineData("latest")]
    [InlineData("stable")]
    public void MovingImageTagsAreRefused(string tag) =>
        Assert.Contains($"'imageTag' is '{tag}'; allowed: a tag that names one build", Refused(("imageTag", tag)));

    [Fact]
    public void ImageTagIsTheBuildsCommitUnlessGivenAndRequiredWithoutOne()
    {
        Assert.Equal("0123456789ab", Read().ImageTag);
        Assert.Equal("v7", Read(("imageTag", "v7")).ImageTag);
        var e = Assert.Throws<LabContextException>(() => LabContext.Read(_ => null, "us-east-1"));
        Assert.Contains("'imageTag' is not set and no git commit was found", e.Message);
    }

    [Fact]
    public void TraceExportDefaultsToOtlpWithOnePercentIndexed()
    {
        var s = Read();
        Assert.Equal(TraceExport.Otlp, s.TraceExport);
        Assert.Equal(1, s.TraceIndexPercent);
    }

    [Theory]
    [InlineData("otlp", TraceExport.Otlp)]
    [InlineData("awsxray", TraceExport.AwsXRay)]
    [InlineData("AwsXRay", TraceExport.AwsXRay)]
    public void TraceExportAcceptsBothValues(string value, TraceExport expected) =>
        Assert.Equal(expected, Read(("traceExport", value)).TraceExport);

    [Fact]
    public void BogusTraceExportIsRefusedNamingTheKeyTheValueAndBothAllowedValues()
    {
        var message = Refused(("traceExport", "bogus"));
        Assert.Contains("'traceExport' is 'bogus'", message);
        Assert.Contains("otlp", message);
        Assert.Contains("awsxray", message);
    }

    [Fact]
    public void AHugeTraceExportValueIsEchoedBounded()
    {
        var message = Refused(("traceExport", new string('x', 5000)));
        Assert.Contains("(5000 characters)", message);
        Assert.True(message.Length < 600, message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    [InlineData("2.5", 2.5)]
    public void TraceIndexPercentAcceptsZeroToHundred(string value, double expected) =>
        Assert.Equal(expected, Read(("traceIndexPercent", value)).TraceIndexPercent);

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("NaN")]
    public void BadTraceIndexPercentIsRefusedNamingTheKeyTheValueAndTheRange(string value)
    {
        var message = Refused(("traceIndexPercent", value));
        Assert.Contains($"'traceIndexPercent' is '{value}'", message);
        Assert.Contains("from 0 to 100", message);
    }

    [Fact]
    public void BadTraceExportAndIndexPercentAreReportedTogether()
    {
        var message = Refused(("traceExport", "xray"), ("traceIndexPercent", "500"));
        Assert.Contains("'traceExport'", message);
        Assert.Contains("'traceIndexPercent'", message);
    }
}
