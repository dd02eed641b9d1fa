using System.Diagnostics;
using TracingLab.Contracts.Telemetry;

namespace ServiceDefaults.Tests;

public class XRayTraceIdGeneratorTests
{
    [Fact]
    public void ActivitiesGetXRayCompatibleIdsOnceServiceDefaultsInstallTheGenerator()
    {
        using var recorded = new RecordedSource("TracingLab.Tests.Ids");

        using var activity = recorded.Source.StartActivity("root");

        Assert.NotNull(activity);
        var age = DateTimeOffset.UtcNow - XRayTraceId.From(activity.TraceId).Timestamp;
        Assert.InRange(age.TotalSeconds, 0, 60);
    }
}
