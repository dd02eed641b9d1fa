using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests;

public class XRayPropagatorTests
{
    private static readonly Func<Dictionary<string, string>, string, IEnumerable<string>?> Getter =
        (carrier, key) => carrier.TryGetValue(key, out var value) ? [value] : null;

    private static readonly Action<Dictionary<string, string>, string, string> Setter = (carrier, key, value) => carrier[key] = value;

    private readonly XRayPropagator _propagator = new();

    [Fact]
    public void InjectThenExtractRoundTripsTraceSpanAndSampling()
    {
        var span = new ActivityContext(XRayTraceIdGenerator.NewId(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var carrier = new Dictionary<string, string>();

        _propagator.Inject(new PropagationContext(span, default), carrier, Setter);
        var extracted = _propagator.Extract(default, carrier, Getter).ActivityContext;

        Assert.Equal($"Root={XRayTraceId.From(span.TraceId).ToXRay()};Parent={span.SpanId.ToHexString()};Sampled=1", carrier[XRayTraceHeader.HeaderName]);
        Assert.Equal(span.TraceId, extracted.TraceId);
        Assert.Equal(span.SpanId, extracted.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, extracted.TraceFlags);
        Assert.True(extracted.IsRemote);
    }

    [Fact]
    public void UnsampledContextRoundTripsAsSampledZero()
    {
        var span = new ActivityContext(XRayTraceIdGenerator.NewId(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
        var carrier = new Dictionary<string, string>();

        _propagator.Inject(new PropagationContext(span, default), carrier, Setter);

        Assert.EndsWith(";Sampled=0", carrier[XRayTraceHeader.HeaderName]);
        Assert.Equal(ActivityTraceFlags.None, _propagator.Extract(default, carrier, Getter).ActivityContext.TraceFlags);
    }

    [Fact]
    public void SampledQuestionMarkLetsThisServiceDecide()
    {
        var carrier = Header("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?");

        var extracted = _propagator.Extract(default, carrier, Getter).ActivityContext;

        Assert.Equal("5759e988bd862e3fe1be46a994272793", extracted.TraceId.ToHexString());
        Assert.Equal(ActivityTraceFlags.Recorded, extracted.TraceFlags);
    }

    [Fact]
    public void SelfAndLineageAreCarriedToTheNextHeader()
    {
        var carrier = Header("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Self=1-5759e988-0123456789abcdef01234567;Lineage=a87bd80c:1");
        var extracted = _propagator.Extract(default, carrier, Getter).ActivityContext;
        var child = new ActivityContext(extracted.TraceId, ActivitySpanId.CreateRandom(), extracted.TraceFlags, extracted.TraceState);
        var outgoing = new Dictionary<string, string>();

        _propagator.Inject(new PropagationContext(child, default), outgoing, Setter);

        Assert.Equal(
            $"Root=1-5759e988-bd862e3fe1be46a994272793;Parent={child.SpanId.ToHexString()};Sampled=1;Self=1-5759e988-0123456789abcdef01234567;Lineage=a87bd80c:1",
            outgoing[XRayTraceHeader.HeaderName]);
    }

    [Fact]
    public void RootOnlyHeaderYieldsNoParentContext()
    {
        var extracted = _propagator.Extract(default, Header("Root=1-5759e988-bd862e3fe1be46a994272793"), Getter);

        Assert.Equal(default, extracted.ActivityContext);
    }

    [Theory]
    [InlineData("Root=broken;Parent=53995c3f42cd8ad8;Sampled=1")]
    [InlineData("Sampled=1")]
    [InlineData("\u0000\u0001")]
    public void MalformedHeaderLeavesTheContextUntouched(string value)
    {
        var incoming = new PropagationContext(default, Baggage.Create(new Dictionary<string, string> { ["k"] = "v" }));

        var extracted = _propagator.Extract(incoming, Header(value), Getter);

        Assert.Equal(incoming, extracted);
    }

    [Fact]
    public void W3CTraceparentWinsWhenBothHeadersCame()
    {
        var composite = new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator(), _propagator]);
        var carrier = new Dictionary<string, string>
        {
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            [XRayTraceHeader.HeaderName] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            ["baggage"] = "lab.link=peering",
        };

        var extracted = composite.Extract(default, carrier, Getter);

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", extracted.ActivityContext.TraceId.ToHexString());
        Assert.Equal("peering", extracted.Baggage.GetBaggage("lab.link"));
    }

    [Fact]
    public void CompositeInjectsW3CBaggageAndXRayTogether()
    {
        var composite = new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator(), _propagator]);
        var span = new ActivityContext(XRayTraceIdGenerator.NewId(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var carrier = new Dictionary<string, string>();

        composite.Inject(new PropagationContext(span, Baggage.Create(new Dictionary<string, string> { ["lab.link"] = "tgw" })), carrier, Setter);
        var back = composite.Extract(default, carrier, Getter);

        Assert.Equal($"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-01", carrier["traceparent"]);
        Assert.Contains(XRayTraceId.From(span.TraceId).ToXRay(), carrier[XRayTraceHeader.HeaderName]);
        Assert.Equal("tgw", back.Baggage.GetBaggage("lab.link"));
        Assert.Equal(span.TraceId, back.ActivityContext.TraceId);
    }

    private static Dictionary<string, string> Header(string value) => new() { [XRayTraceHeader.HeaderName] = value };
}
