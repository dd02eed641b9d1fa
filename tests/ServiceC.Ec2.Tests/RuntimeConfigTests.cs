using TracingLab.Testing;

namespace ServiceC.Ec2.Tests;

/// <summary>The runtime settings the service ships with (its runtimeconfig.json, copied beside the tests).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TieredPgoIsOffSoTheJitSettlesWithinTheFirstRequests() =>
        Assert.False(RuntimeConfig.Property(typeof(TracingLab.ServiceC.Inventory.InventoryApi), "System.Runtime.TieredPGO").GetBoolean());
}
