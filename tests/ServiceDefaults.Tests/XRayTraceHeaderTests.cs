using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests;

public class XRayTraceHeaderTests
{
    private const string Root = "1-5759e988-bd862e3fe1be46a994272793";

    [Fact]
    public void FullHeaderParses()
    {
        Assert.True(XRayTraceHeader.TryParse($"Root={Root};Parent=53995c3f42cd8ad8;Sampled=1", out var header));

        Assert.Equal(Root, XRayTraceId.From(header.Root).ToXRay());
        Assert.Equal("53995c3f42cd8ad8", header.Parent?.ToHexString());
        Assert.Equal(XRaySampled.Sampled, header.Sampled);
        Assert.Equal("", header.Extra);
    }

    [Fact]
    public void RootOnlyHeaderAsAnAlbSendsItParsesWithoutParent()
    {
        Assert.True(XRayTraceHeader.TryParse($"Root={Root}", out var header));

        Assert.Null(header.Parent);
        Assert.Equal(XRaySampled.Absent, header.Sampled);
    }

    [Fact]
    public void SampledQuestionMarkIsASamplingRequestNotAnError()
    {
        Assert.True(XRayTraceHeader.TryParse($"Root={Root};Parent=53995c3f42cd8ad8;Sampled=?", out var header));

        Assert.Equal(XRaySampled.Requested, header.Sampled);
    }

    [Fact]
    public void SelfLineageAndUnknownFieldsAreKeptInOrder()
    {
        var value = $"Self=1-67891234-12456789abcdef012345678;Root={Root};Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5;Custom=x";

        Assert.True(XRayTraceHeader.TryParse(value, out var header));

        Assert.Equal("Self=1-67891234-12456789abcdef012345678;Lineage=a87bd80c:1|68fd508a:5;Custom=x", header.Extra);
    }

    [Fact]
    public void WhitespaceAndKeyCaseAreTolerated()
    {
        Assert.True(XRayTraceHeader.TryParse($" root={Root} ; parent=53995c3f42cd8ad8 ; sampled=0 ", out var header));

        Assert.Equal(XRaySampled.NotSampled, header.Sampled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData(";;;")]
    [InlineData("=;=")]
    [InlineData("Parent=53995c3f42cd8ad8;Sampled=1")]
    [InlineData("Root=1-5759e988")]
    [InlineData("Root=5759e988bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=2")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Root=1-5759e988-bd862e3fe1be46a994272794")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;NoEquals")]
    public void MalformedHeadersAreIgnoredWithoutAnException(string? value)
    {
        Assert.False(XRayTraceHeader.TryParse(value, out var header));
        Assert.Null(header);
    }

    [Fact]
    public void OverlongHeadersAreIgnored()
    {
        Assert.False(XRayTraceHeader.TryParse($"Root={Root};Junk=" + new string('x', 5000), out _));
    }

    [Fact]
    public void ExtraFieldsSurviveATripThroughTraceState()
    {
        const string extra = "Self=1-67891234-12456789abcdef012345678;Lineage=a87bd80c:1|68fd508a:5,odd%";

        var state = XRayTraceState.With("vendor=1", extra);

        Assert.DoesNotContain("=1-6789", state);
        Assert.Contains("vendor=1", state);
        Assert.Equal(extra, XRayTraceState.Extra(state));
        Assert.Equal("vendor=1", XRayTraceState.With(state, ""));
    }
}
