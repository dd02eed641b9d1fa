using TracingLab.Testing;

namespace ServiceA.Ecs.Tests;

/// <summary>The runtime settings the service ships with (its runtimeconfig.json, copied beside the tests).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TieredPgoIsOffSoTheJitSettlesWithinTheFirstRequests() =>
        Assert.False(RuntimeConfig.Property(typeof(TracingLab.ServiceA.Lab.LabProbeApi), "System.Runtime.TieredPGO").GetBoolean());
}
