using System.Diagnostics;
using TracingLab.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests;

public class XRayTraceIdTests
{
    [Fact]
    public void NewIdStartsWithTheEpochSecondsOfItsTime()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

        var id = XRayTraceId.NewId(now);

        Assert.Equal(now, XRayTraceId.GetTimestamp(id));
        Assert.StartsWith(now.ToUnixTimeSeconds().ToString("x8"), id.ToHexString());
    }

    [Fact]
    public void NewIdsAreDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => XRayTraceId.NewId().ToHexString()).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public void XRayFormRoundTrips()
    {
        var id = ActivityTraceId.CreateFromString("5759e988bd862e3fe1be46a994272793");

        var text = XRayTraceId.ToXRay(id);

        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", text);
        Assert.True(XRayTraceId.TryParse(text, out var parsed));
        Assert.Equal(id, parsed);
        Assert.True(XRayTraceId.TryParse(id.ToHexString(), out var fromHex));
        Assert.Equal(id, fromHex);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1-5759e988-bd862e3fe1be46a99427279")]
    [InlineData("2-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("1-5759E988-bd862e3fe1be46a994272793")]
    [InlineData("1_5759e988_bd862e3fe1be46a994272793")]
    [InlineData("1-00000000-000000000000000000000000")]
    [InlineData("zz59e988bd862e3fe1be46a994272793")]
    public void MalformedIdsAreRefused(string text)
    {
        Assert.False(XRayTraceId.TryParse(text, out _));
    }

    [Fact]
    public void ActivitiesGetXRayCompatibleIdsOnceServiceDefaultsInstallTheGenerator()
    {
        Activity.TraceIdGenerator = XRayTraceId.NewId;
        using var source = new ActivitySource("TracingLab.Tests.Ids");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using var activity = source.StartActivity("root");

        Assert.NotNull(activity);
        var age = DateTimeOffset.UtcNow - XRayTraceId.GetTimestamp(activity.TraceId);
        Assert.InRange(age.TotalSeconds, 0, 60);
    }
}
