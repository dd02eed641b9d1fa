using System.Text.Json;

namespace ServiceA.Ecs.Tests;

/// <summary>The runtime settings the service ships with (its runtimeconfig.json, copied beside the tests).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TieredPgoIsOffSoTheJitSettlesWithinTheFirstRequests()
    {
        var assembly = typeof(TracingLab.ServiceA.Lab.LabProbeApi).Assembly.GetName().Name;
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, assembly + ".runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
