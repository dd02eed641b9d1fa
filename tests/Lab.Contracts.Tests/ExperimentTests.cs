using TracingLab.Contracts.Faults;

namespace Lab.Contracts.Tests;

public class ExperimentTests
{
    private const string Mixed = """
        {
          "$schema": "../experiment.schema.json",
          "name": "mixed",
          "description": "TGW slows down, then peering drops.",
          "faults": [
            { "link": "tgw", "kind": "latency", "start": "10s", "duration": "30s", "parameters": { "delay": "200ms~50ms", "spike": "1s/1%" } },
            { "link": "peering", "kind": "blackhole", "direction": "both", "start": "40s", "duration": "20s" },
            { "link": "privatelink", "kind": "reset", "direction": "response", "duration": "1m", "parameters": { "after": "64KiB" } }
          ]
        }
        """;

    [Fact]
    public void ATimelineParsesWithDefaultsFilledIn()
    {
        var experiment = Experiment.Parse(Mixed);

        Assert.Equal("mixed", experiment.Name);
        Assert.Equal("TGW slows down, then peering drops.", experiment.Description);
        Assert.Equal(TimeSpan.FromMinutes(1), experiment.Length);
        Assert.Equal(
            new LinkFault("tgw", new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 1),
                FaultDirection.Both, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)),
            experiment.Faults[0]);
        Assert.Equal(new LinkFault("peering", new BlackholeFault(), FaultDirection.Both, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(20)),
            experiment.Faults[1]);
        Assert.Equal(new LinkFault("privatelink", new ResetFault(null, 65_536), FaultDirection.Response, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
            experiment.Faults[2]);
    }

    [Theory]
    [InlineData("""{ "kind": "latency", "parameters": { "delay": "5ms" } }""", FaultKind.Latency)]
    [InlineData("""{ "kind": "jitter", "parameters": { "amplitude": "30ms" } }""", FaultKind.Jitter)]
    [InlineData("""{ "kind": "loss", "parameters": { "rate": "5%" } }""", FaultKind.Loss)]
    [InlineData("""{ "kind": "blackhole" }""", FaultKind.Blackhole)]
    [InlineData("""{ "kind": "blackhole", "parameters": {} }""", FaultKind.Blackhole)]
    [InlineData("""{ "kind": "reset", "parameters": { "rate": "10%" } }""", FaultKind.Reset)]
    [InlineData("""{ "kind": "bandwidth", "parameters": { "rate": "1Mbit" } }""", FaultKind.Bandwidth)]
    public void EveryKindParsesInAFile(string fault, FaultKind kind)
    {
        var experiment = Experiment.Parse(File("""{ "link": "tgw", "duration": "5s", """ + fault[2..]));

        Assert.Equal(kind, Assert.Single(experiment.Faults).Kind);
    }

    [Theory]
    [InlineData("not json", "experiment is not JSON: line 1")]
    [InlineData("[]", "experiment must hold a JSON object with name, description, faults, got Array")]
    [InlineData("""{ "faults": [] }""", "name is required")]
    [InlineData("""{ "name": 5, "faults": [] }""", "name must be a string, got number '5'")]
    [InlineData("""{ "name": "has space", "faults": [] }""", "name 'has space' must be letters, digits")]
    [InlineData("""{ "name": "x" }""", "faults is required")]
    [InlineData("""{ "name": "x", "faults": [] }""", "faults must be a list of 1 to 20 faults, got a list of 0")]
    [InlineData("""{ "name": "x", "faults": {} }""", "faults must be a list of 1 to 20 faults, got object '{}'")]
    [InlineData("""{ "name": "x", "faults": [], "steps": 1 }""", "experiment: unknown key 'steps'; allowed: $schema, name, description, faults")]
    [InlineData("""{ "name": "x", "name": "y", "faults": [] }""", "experiment: key 'name' is given twice")]
    [InlineData("""{ "name": "x", "faults": [ 1 ] }""", "faults[0] must be an object with link, kind, direction, start, duration, parameters, got number '1'")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole" } ] }""", "faults[0]: 'duration' is required")]
    [InlineData("""{ "name": "x", "faults": [ { "kind": "blackhole", "duration": "5s" } ] }""", "faults[0]: 'link' is required")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "vpn", "kind": "blackhole", "duration": "5s" } ] }""", "faults[0].link: unknown link 'vpn'; allowed: tgw, peering, privatelink")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "explode", "duration": "5s" } ] }""", "faults[0].kind: unknown fault kind 'explode'; allowed: latency, jitter")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": "5s", "direction": "up" } ] }""", "faults[0].direction: unknown direction 'up'; allowed: both, request, response")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": "5 s" } ] }""", "faults[0].duration: '5 s' must be a number with ms, s, m or h, e.g. 200ms, 1.5s, 2m, at least 1s")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": 5 } ] }""", "faults[0].duration must be a string, got number '5'")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": "500ms" } ] }""", "faults[0].duration: '500ms' must be")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": "5s", "start": "soon" } ] }""", "faults[0].start: 'soon' must be")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": "5s", "when": "now" } ] }""", "faults[0]: unknown key 'when'; allowed: link, kind")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "duration": "5s", "parameters": { "rate": "5%" } } ] }""", "faults[0].parameters: unknown blackhole parameter 'rate'; allowed: none")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "loss", "duration": "5s", "parameters": { "rate": 5 } } ] }""", "faults[0].parameters.rate must be a string, got number '5'")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "loss", "duration": "5s", "parameters": "5%" } ] }""", "faults[0].parameters must be an object")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "loss", "duration": "5s" } ] }""", "faults[0].parameters: 'rate' is required, e.g. 5%")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "loss", "duration": "5s", "parameters": { "rate": "150%" } } ] }""", "faults[0].parameters: loss rate '150%' must be")]
    [InlineData("""{ "name": "x", "faults": [ { "link": "tgw", "kind": "blackhole", "start": "50m", "duration": "20m" } ] }""", "faults[0] ends at 70m, after the longest an experiment may run (1h)")]
    public void ABadFileIsNamedWithWhatIsAllowed(string json, string expected)
    {
        Assert.False(Experiment.TryParse(json, out var experiment, out var errors));
        Assert.Null(experiment);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("both", "both", "0s", true)]
    [InlineData("request", "both", "0s", true)]
    [InlineData("request", "response", "0s", false)]
    [InlineData("both", "both", "29s", true)]
    [InlineData("both", "both", "30s", false)]
    public void FaultsOfOneKindOnOneLinkMayNotOverlap(string first, string second, string secondStart, bool overlap)
    {
        var json = File(
            $$"""{ "link": "tgw", "kind": "blackhole", "direction": "{{first}}", "duration": "30s" }""",
            $$"""{ "link": "tgw", "kind": "blackhole", "direction": "{{second}}", "start": "{{secondStart}}", "duration": "30s" }""",
            """{ "link": "peering", "kind": "blackhole", "duration": "30s" }""",
            """{ "link": "tgw", "kind": "loss", "duration": "30s", "parameters": { "rate": "1%" } }""");

        Assert.Equal(!overlap, Experiment.TryParse(json, out _, out var errors));
        if (overlap)
        {
            Assert.StartsWith("faults[1] and faults[0]: two blackhole faults on 'tgw' overlap in time (0s–30s and ", Assert.Single(errors), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryProblemInAFileIsReported()
    {
        var json = File(
            """{ "link": "vpn", "kind": "blackhole", "duration": "5s" }""",
            """{ "link": "tgw", "kind": "latency", "duration": "never", "parameters": { "delay": "slow" } }""");

        var error = Assert.Throws<FaultSpecException>(() => Experiment.Parse(json, "bad.json"));

        Assert.Equal(3, error.Errors.Count);
        Assert.StartsWith("bad.json: 3 problem(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyFaultsAreRefused()
    {
        var faults = Enumerable.Range(0, 21).Select(i => $$"""{ "link": "tgw", "kind": "blackhole", "start": "{{i * 10}}s", "duration": "5s" }""");

        Assert.False(Experiment.TryParse(File([.. faults]), out _, out var errors));
        Assert.Equal("faults must be a list of 1 to 20 faults, got a list of 21", Assert.Single(errors));
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-experiment-{Guid.NewGuid():N}.json");

        Assert.False(Experiment.TryLoad(path, out var experiment, out var errors));
        Assert.Null(experiment);
        Assert.StartsWith($"experiment file '{path[..Math.Min(60, path.Length)]}", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tgw-blackhole.json")]
    [InlineData("mixed.json")]
    public void TheDocumentedExamplesParse(string file)
    {
        var experiment = Experiment.Load(Path.Combine(AppContext.BaseDirectory, "experiments", file));

        Assert.NotEmpty(experiment.Faults);
    }

    private static string File(params string[] faults) =>
        $$"""{ "name": "test", "faults": [ {{string.Join(", ", faults)}} ] }""";
}
