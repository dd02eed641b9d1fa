using TracingLab.AppHost.Restart;

namespace AppHost.Tests;

public class AutoRestartPolicyTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void BackoffDoublesPerCrashInARowUpToThirtySeconds(int crashes, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new AutoRestartAnnotation(TimeSpan.FromSeconds(1)).DelayFor(crashes));
}
