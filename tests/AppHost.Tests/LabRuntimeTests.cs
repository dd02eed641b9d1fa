using TracingLab.AppHost.Lab;

namespace AppHost.Tests;

public class LabRuntimeTests
{
    [Fact]
    public void TheSpinIsTurnedOffForTheProcessesTheLabStarts()
    {
        var environment = new Dictionary<string, string?>();
        LabRuntime.ShareCores(environment.GetValueOrDefault, (k, v) => environment[k] = v);
        Assert.Equal("0", environment[LabRuntime.SpinLimitVariable]);
    }

    [Fact]
    public void AValueTheUserSetIsKept()
    {
        var environment = new Dictionary<string, string?> { [LabRuntime.SpinLimitVariable] = "70" };
        LabRuntime.ShareCores(environment.GetValueOrDefault, (k, v) => environment[k] = v);
        Assert.Equal("70", environment[LabRuntime.SpinLimitVariable]);
    }

    [Fact]
    public void TheAppHostsOwnRuntimeConfigTurnsItsSpinOff()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "TracingLab.AppHost.runtimeconfig.json");
        Assert.True(File.Exists(config), $"{config} is not next to the tests");
        Assert.Contains("\"System.Threading.ThreadPool.UnfairSemaphoreSpinLimit\": 0", File.ReadAllText(config), StringComparison.Ordinal);
    }
}
