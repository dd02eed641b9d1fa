using Microsoft.Extensions.Configuration;
using TracingLab.AppHost.Lab;
using TracingLab.Contracts.Faults;

namespace AppHost.Tests;

/// <summary>
/// --link-faults and --experiment (and their keys Lab:LinkFaults, Lab:Experiment) through LabArguments.TryRead, the
/// code the AppHost runs before anything starts: on false it prints the error and exits 2.
/// </summary>
public sealed class LinkFaultOptionsTests : IDisposable
{
    private const string Blackhole = """{ "name": "tgw-blackhole", "faults": [ { "link": "tgw", "kind": "blackhole", "start": "10s", "duration": "30s" } ] }""";

    private readonly string _dir = Directory.CreateTempSubdirectory("lab-experiments-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheFaultsOfTheOptionAreRead()
    {
        Assert.True(LabArguments.TryParse(["--link-faults", "tgw=blackhole,peering=latency:200ms,privatelink=loss:5%"], out var options, out var error), error);

        Assert.Equal(["tgw=blackhole", "peering=latency:200ms", "privatelink=loss:5%"], options.LinkFaults.Select(f => f.ToString()));
        Assert.Null(options.Experiment);
    }

    [Fact]
    public void TheFaultsAreReadFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:LinkFaults"] = "tgw=reset:10%" }).Build();

        Assert.True(LabArguments.TryRead([], configuration, out var options, out var error), error);

        Assert.Equal("tgw=reset:10%", Assert.Single(options.LinkFaults).ToString());
    }

    [Fact]
    public void TheFaultsAreReadFromTheEnvironmentAsLabDoubleUnderscoreLinkFaults()
    {
        // A prefix of this test's own keeps the variable from every other test's configuration.
        var prefix = $"LABTEST_{Guid.NewGuid():N}_";
        System.Environment.SetEnvironmentVariable(prefix + "Lab__LinkFaults", "privatelink=bandwidth:1Mbit");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            Assert.True(LabArguments.TryRead([], configuration, out var options, out var error), error);

            Assert.Equal("privatelink=bandwidth:1Mbit", Assert.Single(options.LinkFaults).ToString());
        }
        finally
        {
            System.Environment.SetEnvironmentVariable(prefix + "Lab__LinkFaults", null);
        }
    }

    [Fact]
    public void TheCommandLineWinsOverConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:LinkFaults"] = "tgw=nonsense" }).Build();

        Assert.True(LabArguments.TryRead(["--link-faults=peering=jitter:30ms"], configuration, out var options, out var error), error);

        Assert.Equal("peering=jitter:30ms", Assert.Single(options.LinkFaults).ToString());
    }

    [Theory]
    [InlineData("tgw=nonsense", "--link-faults is 'tgw=nonsense': fault 1 'tgw=nonsense': unknown fault kind 'nonsense'; allowed: latency, jitter, loss, blackhole, reset, bandwidth")]
    [InlineData("vpn=blackhole", "unknown link 'vpn'; allowed: tgw, peering, privatelink")]
    [InlineData("privatelink=loss:150%", "loss rate '150%' must be")]
    [InlineData("tgw=blackhole@sideways", "unknown direction 'sideways'; allowed: both, request, response")]
    [InlineData("tgw=blackhole,tgw=blackhole", "one fault per kind, link and direction")]
    public void ABadFaultNamesTheFlagTheValueAndWhatIsAllowed(string text, string expected)
    {
        Assert.False(LabArguments.TryParse(["--link-faults", text], out var options, out var error));

        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("Allowed: link=kind[:parameters][@direction], comma-separated", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadFaultInConfigurationNamesTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:LinkFaults"] = "tgw=loss" }).Build();

        Assert.False(LabArguments.TryRead([], configuration, out _, out var error));

        Assert.StartsWith("Lab:LinkFaults is 'tgw=loss': ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongFaultTextIsQuotedCut()
    {
        var text = "tgw=" + new string('x', 5000);

        Assert.False(LabArguments.TryParse(["--link-faults", text], out _, out var error));

        Assert.StartsWith($"--link-faults is '{text[..200]}…' (5004 characters): ", error, StringComparison.Ordinal);
        Assert.True(error.Length < 2000, $"{error.Length} characters");
    }

    [Fact]
    public void AFaultOnALinkThatIsNotEnabledIsRefusedNamingBothOptions()
    {
        Assert.False(LabArguments.TryParse(["--links", "peering", "--link-faults", "tgw=blackhole"], out _, out var error));

        Assert.Equal(
            "--link-faults puts a fault on 'tgw', which is not enabled (--links is 'peering'); allowed: faults on peering, or enable tgw too.",
            error);
    }

    [Fact]
    public void AnExperimentFileIsReadAndChecked()
    {
        var file = Write("tgw-blackhole.json", Blackhole);

        Assert.True(LabArguments.TryParse(["--experiment", file], out var options, out var error), error);

        var experiment = Assert.IsType<Experiment>(options.Experiment);
        Assert.Equal("tgw-blackhole", experiment.Name);
        var fault = Assert.Single(experiment.Faults);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40)), (fault.Start, fault.End));
    }

    [Fact]
    public void AnExperimentFileIsReadFromConfiguration()
    {
        var file = Write("tgw-blackhole.json", Blackhole);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:Experiment"] = file }).Build();

        Assert.True(LabArguments.TryRead([], configuration, out var options, out var error), error);

        Assert.Equal("tgw-blackhole", options.Experiment?.Name);
    }

    [Theory]
    [InlineData("not json", "is not JSON")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "drop", "duration": "10s" } ] }""", "'drop'")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "vpn", "kind": "blackhole", "duration": "10s" } ] }""", "'vpn'")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "loss", "duration": "10s", "parameters": { "rate": "500%" } } ] }""", "'500%'")]
    public void ABadExperimentFileNamesTheFlagTheFileAndTheProblem(string json, string expected)
    {
        var file = Write("bad.json", json);

        Assert.False(LabArguments.TryParse(["--experiment", file], out var options, out var error));

        Assert.Null(options);
        Assert.StartsWith($"--experiment is '{file}': ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.EndsWith("Allowed: the path of a JSON experiment file as docs/experiment.schema.json describes, such as docs/experiments/tgw-blackhole.json.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingExperimentFileIsNamed()
    {
        var file = Path.Combine(_dir, "missing.json");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:Experiment"] = file }).Build();

        Assert.False(LabArguments.TryRead([], configuration, out _, out var error));

        Assert.StartsWith($"Lab:Experiment is '{file}': experiment file '{file}' cannot be read", error, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExperimentOnALinkThatIsNotEnabledIsRefused()
    {
        var file = Write("tgw-blackhole.json", Blackhole);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:Links"] = "peering,privatelink" }).Build();

        Assert.False(LabArguments.TryRead(["--experiment", file], configuration, out _, out var error));

        Assert.Equal(
            "--experiment puts a fault on 'tgw', which is not enabled (Lab:Links is 'peering,privatelink'); allowed: faults on peering, privatelink, or enable tgw too.",
            error);
    }

    [Fact]
    public void AFlagWithoutAValueSaysWhatIsAllowed()
    {
        Assert.False(LabArguments.TryParse(["--experiment"], out _, out var error));

        Assert.StartsWith("--experiment needs a value; allowed: the path of a JSON experiment file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheUsageListsBothOptions()
    {
        Assert.Contains("--link-faults <list>", LabArguments.Usage, StringComparison.Ordinal);
        Assert.Contains("[Lab:LinkFaults]", LabArguments.Usage, StringComparison.Ordinal);
        Assert.Contains("--experiment <file>", LabArguments.Usage, StringComparison.Ordinal);
        Assert.Contains("[Lab:Experiment]", LabArguments.Usage, StringComparison.Ordinal);
    }

    private string Write(string name, string json)
    {
        var file = Path.Combine(_dir, name);
        File.WriteAllText(file, json);
        return file;
    }
}
