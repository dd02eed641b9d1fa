using Aspire.Hosting;
using TracingLab.AppHost.Lab;

namespace AppHost.Tests;

public class AspireDashboardTests
{
    [Fact]
    public void TheDashboardKeepsNoRunHistoryUnlessAsked()
    {
        var builder = DistributedApplication.CreateBuilder();
        builder.ConfigureAspireDashboard(new LabPorts(random: true));
        Assert.Equal("None", builder.Configuration[AspireDashboard.PersistenceModeKey]);
    }

    [Theory]
    [InlineData("Run")]
    [InlineData("Resume")]
    public void AModeGivenOnTheCommandLineIsKept(string mode)
    {
        var builder = DistributedApplication.CreateBuilder([$"--{AspireDashboard.PersistenceModeKey}={mode}"]);
        builder.ConfigureAspireDashboard(new LabPorts(random: true));
        Assert.Equal(mode, builder.Configuration[AspireDashboard.PersistenceModeKey]);
    }

    [Theory]
    [InlineData("Forever")]
    [InlineData("none")] // the names exactly as the dashboard lists them
    public void AnUnknownModeStopsTheLabNamingTheKeyTheValueAndWhatIsAllowed(string mode)
    {
        var builder = DistributedApplication.CreateBuilder([$"--{AspireDashboard.PersistenceModeKey}={mode}"]);
        var e = Assert.Throws<LabStartException>(() => builder.ConfigureAspireDashboard(new LabPorts(random: true)));
        Assert.Contains(AspireDashboard.PersistenceModeKey, e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{mode}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("None, Run, Resume", e.Message, StringComparison.Ordinal);
    }
}
