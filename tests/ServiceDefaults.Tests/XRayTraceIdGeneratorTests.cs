using System.Diagnostics;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests;

public class XRayTraceIdGeneratorTests
{
    [Fact]
    public void ActivitiesGetXRayCompatibleIdsOnceServiceDefaultsInstallTheGenerator()
    {
        Activity.TraceIdGenerator = XRayTraceIdGenerator.NewId;
        using var source = new ActivitySource("TracingLab.Tests.Ids");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using var activity = source.StartActivity("root");

        Assert.NotNull(activity);
        var age = DateTimeOffset.UtcNow - XRayTraceId.From(activity.TraceId).Timestamp;
        Assert.InRange(age.TotalSeconds, 0, 60);
    }
}
