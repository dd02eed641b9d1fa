using System.Diagnostics;
using TracingLab.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests;

public class LabContextPropagatorTests
{
    private static readonly DistributedContextPropagator.PropagatorGetterCallback Getter =
        (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = ((Dictionary<string, string>)carrier!).GetValueOrDefault(name);
        };

    private readonly LabContextPropagator _propagator = new(DistributedContextPropagator.CreateDefaultPropagator());

    [Fact]
    public void XRayHeaderWithParentBecomesTheW3CParent()
    {
        var carrier = new Dictionary<string, string>
        {
            [XRayTraceHeader.HeaderName] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0;Lineage=a:1",
        };

        _propagator.ExtractTraceIdAndState(carrier, Getter, out var traceId, out var traceState);

        Assert.Equal("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", traceId);
        Assert.Equal("Lineage=a:1", XRayTraceState.Extra(traceState));
    }

    [Fact]
    public void TraceparentIsPreferredOverXRay()
    {
        var carrier = new Dictionary<string, string>
        {
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            [XRayTraceHeader.HeaderName] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        };

        _propagator.ExtractTraceIdAndState(carrier, Getter, out var traceId, out _);

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", traceId);
    }

    [Fact]
    public void RootOnlyHeaderMakesTheNextRootActivityContinueThatRoot()
    {
        using var recorded = new RecordedSource("TracingLab.Tests.RootOnly");
        var source = recorded.Source;
        var carrier = new Dictionary<string, string> { [XRayTraceHeader.HeaderName] = "Root=1-5759e988-bd862e3fe1be46a994272793" };

        _propagator.ExtractTraceIdAndState(carrier, Getter, out var traceId, out _);
        using var server = source.StartActivity("server", ActivityKind.Server);
        using var unrelated = new Activity("later root").SetIdFormat(ActivityIdFormat.W3C);
        server?.Stop();
        using var next = source.StartActivity("next request", ActivityKind.Server);

        Assert.Null(traceId);
        Assert.Equal("5759e988bd862e3fe1be46a994272793", server?.TraceId.ToHexString());
        Assert.Equal(default, server!.ParentSpanId);
        Assert.NotEqual(server.TraceId, next?.TraceId);
    }

    [Fact]
    public void MalformedXRayHeaderIsIgnored()
    {
        var carrier = new Dictionary<string, string> { [XRayTraceHeader.HeaderName] = "Root=1-zz;Parent=;Sampled=9" };

        _propagator.ExtractTraceIdAndState(carrier, Getter, out var traceId, out var traceState);

        Assert.Null(traceId);
        Assert.Null(traceState);
    }
}
