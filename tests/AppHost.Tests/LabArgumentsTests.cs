using Microsoft.Extensions.Configuration;
using TracingLab.AppHost.Lab;

namespace AppHost.Tests;

public class LabArgumentsTests
{
    [Fact]
    public void NoFlagsMeansAllLinksAndStablePorts()
    {
        Assert.True(LabArguments.TryParse([], out var options, out _));

        Assert.Equal(["tgw", "peering", "privatelink", "lattice"], options.Links);
        Assert.False(options.RandomPorts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RestartBackoff);
        Assert.Null(options.LinkProfiles);
        Assert.Empty(options.LinkDelays);
        Assert.Empty(options.LinkJitters);
    }

    [Fact]
    public void LatticeIsALinkLikeTheOthers()
    {
        Assert.True(LabArguments.TryParse(["--links", "lattice,peering", "--link-delay", "lattice=0.4"], out var options, out var error), error);

        Assert.Equal(["lattice", "peering"], options.Links);
        Assert.Equal(0.4, options.LinkDelays["lattice"]);
    }

    [Fact]
    public void LinkFlagsAreRead()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "links.json");

        Assert.True(LabArguments.TryParse(
            ["--link-profiles", file, "--link-delay", "tgw=1.2, privatelink=0.4", "--link-jitter=tgw=0.3"], out var options, out var error), error);

        Assert.Equal(file, options.LinkProfiles?.Origin);
        Assert.Equal(new Dictionary<string, double> { ["tgw"] = 1.2, ["privatelink"] = 0.4 }, options.LinkDelays);
        Assert.Equal(new Dictionary<string, double> { ["tgw"] = 0.3 }, options.LinkJitters);
    }

    [Fact]
    public void AProfileFileThatIsNotJsonIsRefusedWithTheFlagAndTheFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"links-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "not json");
        try
        {
            Assert.False(LabArguments.TryParse(["--link-profiles", file], out _, out var error));

            Assert.StartsWith($"--link-profiles is '{file}', which is not valid profile JSON", error);
            Assert.EndsWith("Allowed: a JSON file shaped like AppHost/links.json.", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EveryFlagIsRead()
    {
        Assert.True(LabArguments.TryParse(
            ["--links", "peering,tgw", "--random-ports", "--restart-backoff", "2.5", "Lab:Other=1", "DcpPublisher:RandomizePorts=true"],
            out var options, out _));

        Assert.Equal(["peering", "tgw"], options.Links);
        Assert.True(options.RandomPorts);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.RestartBackoff);
    }

    [Fact]
    public void ConfigurationIsReadAndTheCommandLineWins()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lab:Links"] = "privatelink",
            ["Lab:RandomPorts"] = "true",
            ["Lab:LinkDelay"] = "privatelink=2",
            ["Lab:RestartBackoff"] = "3",
        }).Build();

        Assert.True(LabArguments.TryRead(["--restart-backoff", "0.5"], configuration, out var options, out var error), error);

        Assert.Equal(["privatelink"], options.Links);
        Assert.True(options.RandomPorts);
        Assert.Equal(2, options.LinkDelays["privatelink"]);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.RestartBackoff);
    }

    [Theory]
    [InlineData("Lab:Links", "tgw,vpn", "Lab:Links has 'vpn' (in 'tgw,vpn'); allowed links: tgw, peering, privatelink, lattice")]
    [InlineData("Lab:RandomPorts", "yes", "Lab:RandomPorts is 'yes'; allowed: true or false.")]
    [InlineData("Lab:LinkJitter", "tgw=-1", "Lab:LinkJitter has 'tgw=-1' (in 'tgw=-1')")]
    [InlineData("Lab:RestartBackoff", "never", "Lab:RestartBackoff is 'never'; allowed: seconds from 0.1 to 60")]
    public void ABadConfigurationValueNamesTheKey(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.False(LabArguments.TryRead([], configuration, out var options, out var error));

        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--links", "bogus" }, "--links has 'bogus' (in 'bogus'); allowed links: tgw, peering, privatelink, lattice")]
    [InlineData(new[] { "--links", "tgw,tgw" }, "names a link twice")]
    [InlineData(new[] { "--links" }, "--links needs a value; allowed: a comma-separated list of tgw, peering, privatelink, lattice.")]
    [InlineData(new[] { "--links=" }, "--links is empty")]
    [InlineData(new[] { "--allow-anonymous" }, "Unknown argument '--allow-anonymous'.")]
    [InlineData(new[] { "--restart-backoff", "0" }, "--restart-backoff is '0'; allowed: seconds from 0.1 to 60")]
    [InlineData(new[] { "--restart-backoff", "soon" }, "--restart-backoff is 'soon'")]
    [InlineData(new[] { "--random-ports=yes" }, "--random-ports takes no value; 'yes' was given.")]
    [InlineData(new[] { "--verbose" }, "Unknown argument '--verbose'. Allowed: --links <list>, --random-ports, --restart-backoff <seconds>")]
    [InlineData(new[] { "--link-delay", "tgw=fast" }, "--link-delay has 'tgw=fast' (in 'tgw=fast'); allowed: link=milliseconds pairs")]
    [InlineData(new[] { "--link-delay", "vpn=1" }, "--link-delay has 'vpn=1' (in 'vpn=1'); allowed: link=milliseconds pairs, comma-separated, each link once, links from tgw, peering, privatelink, lattice and 0 to 10000 ms")]
    [InlineData(new[] { "--link-delay", "tgw=1,tgw=2" }, "--link-delay has 'tgw=2' (in 'tgw=1,tgw=2')")]
    [InlineData(new[] { "--link-jitter", "privatelink=-0.1" }, "--link-jitter has 'privatelink=-0.1' (in 'privatelink=-0.1')")]
    [InlineData(new[] { "--link-delay" }, "--link-delay needs a value; allowed: link=milliseconds pairs such as tgw=1.2,privatelink=0.4.")]
    [InlineData(new[] { "--link-profiles", "/nonexistent/links.json" }, "--link-profiles is '/nonexistent/links.json', which cannot be read")]
    public void BadInputNamesTheFlagTheValueAndWhatIsAllowed(string[] args, string expected)
    {
        Assert.False(LabArguments.TryParse(args, out var options, out var error));

        Assert.Null(options);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void EveryBadValueIsReportedAtOnceNamingTheFlagOrTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:RandomPorts"] = "yes" }).Build();

        Assert.False(LabArguments.TryRead(["--links", "vpn", "--restart-backoff", "0"], configuration, out _, out var error));

        Assert.Contains("--links has 'vpn'", error, StringComparison.Ordinal);
        Assert.Contains("--restart-backoff is '0'", error, StringComparison.Ordinal);
        Assert.Contains("Lab:RandomPorts is 'yes'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--random-ports --links tgw")]
    [InlineData("--links=tgw --random-ports")]
    [InlineData("Lab:RandomPorts=true --links tgw")]
    public void ABareSwitchAndKeyValueConfigurationAreRead(string args)
    {
        Assert.True(LabArguments.TryParse(args.Split(' '), out var options, out var error), error);

        Assert.True(options.RandomPorts);
        Assert.Equal(["tgw"], options.Links);
    }

    [Fact]
    public void ALongValueIsEchoedCutTo200Characters()
    {
        Assert.False(LabArguments.TryParse(["--restart-backoff", new string('9', 5000)], out _, out var error));

        Assert.Contains($"--restart-backoff is '{new string('9', 200)}…' (5000 characters)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ARelativeFileIsTakenFromWhereTheCommandWasTyped()
    {
        var root = Path.Combine(Path.GetTempPath(), "lab");
        Assert.Equal(Path.Combine(root, "docs/experiments/mixed.json"), LabArguments.UserPath("docs/experiments/mixed.json", root));
        Assert.Equal("/etc/x.json", LabArguments.UserPath("/etc/x.json", root));
        Assert.Equal("x.json", LabArguments.UserPath("x.json", "relative/pwd"));
    }
}
