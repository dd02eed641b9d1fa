using System.Text.Json;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.Links;

namespace Lab.Contracts.Tests;

/// <summary>docs/experiment.schema.json lists what the parser allows; adding a link or a kind shows up here.</summary>
public class ExperimentSchemaTests
{
    private static readonly JsonElement Fault = Load().GetProperty("$defs").GetProperty("fault").GetProperty("properties");

    [Fact]
    public void TheSchemaNamesEveryLinkKindAndDirection()
    {
        Assert.Equal(LinkNames.All, Enum(Fault.GetProperty("link")));
        Assert.Equal(FaultKinds.All.Select(FaultKinds.Name), Enum(Fault.GetProperty("kind")));
        Assert.Equal(FaultDirections.All.Select(FaultDirections.Name), Enum(Fault.GetProperty("direction")));
    }

    [Fact]
    public void TheSchemaBoundsMatchTheParsers()
    {
        var faults = Load().GetProperty("properties").GetProperty("faults");

        Assert.Equal(Experiment.MaxFaults, faults.GetProperty("maxItems").GetInt32());
    }

    private static JsonElement Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "experiment.schema.json"))).RootElement;

    private static List<string> Enum(JsonElement property) =>
        property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
}
