using TracingLab.AppHost.Hosting;

namespace AppHost.Tests;

public class LabArgumentsTests
{
    [Fact]
    public void NoFlagsMeansAllLinksStablePortsAndASecuredDashboard()
    {
        Assert.True(LabArguments.TryParse([], out var options, out _));

        Assert.Equal(["tgw", "peering", "privatelink"], options.Links);
        Assert.False(options.RandomPorts);
        Assert.False(options.AllowAnonymous);
        Assert.Null(options.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RestartBackoff);
    }

    [Fact]
    public void EveryFlagIsRead()
    {
        Assert.True(LabArguments.TryParse(
            ["--links", "peering,tgw", "--random-ports", "--allow-anonymous", "--otlp-endpoint=http://127.0.0.1:4317", "--restart-backoff", "2.5"],
            out var options, out _));

        Assert.Equal(["peering", "tgw"], options.Links);
        Assert.True(options.RandomPorts);
        Assert.True(options.AllowAnonymous);
        Assert.Equal(new Uri("http://127.0.0.1:4317"), options.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.RestartBackoff);
    }

    [Theory]
    [InlineData(new[] { "--links", "bogus" }, "--links has 'bogus' (in 'bogus'); allowed links: tgw, peering, privatelink")]
    [InlineData(new[] { "--links", "tgw,tgw" }, "names a link twice")]
    [InlineData(new[] { "--links" }, "--links needs a value; allowed: a comma-separated list of tgw, peering, privatelink.")]
    [InlineData(new[] { "--links=" }, "--links is empty")]
    [InlineData(new[] { "--otlp-endpoint", "ftp://x" }, "--otlp-endpoint is 'ftp://x'; allowed: an absolute http:// or https:// URL")]
    [InlineData(new[] { "--restart-backoff", "0" }, "--restart-backoff is '0'; allowed: seconds from 0.1 to 60")]
    [InlineData(new[] { "--restart-backoff", "soon" }, "--restart-backoff is 'soon'")]
    [InlineData(new[] { "--random-ports=yes" }, "--random-ports takes no value; 'yes' was given.")]
    [InlineData(new[] { "--verbose" }, "Unknown argument '--verbose'. Allowed: --links <list>, --random-ports, --allow-anonymous")]
    public void BadInputNamesTheFlagTheValueAndWhatIsAllowed(string[] args, string expected)
    {
        Assert.False(LabArguments.TryParse(args, out var options, out var error));

        Assert.Null(options);
        Assert.Contains(expected, error);
    }
}
