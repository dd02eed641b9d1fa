using TracingLab.Dashboard.Links;
using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Common.V1;
using ProtoSpan = TracingLab.Otlp.Trace.V1.Span;

namespace TracingLab.Dashboard.Tests;

public sealed class LiveLinkFiguresTests
{
    [Fact]
    public void FiguresAreComputedAtMostOncePerIntervalThenFollowTheStore()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        var clock = new ManualClock();
        var figures = new LiveLinkFigures(store, clock);
        store.AddTraces(Support.Otlp.Traces("servicea", ClientHop("tgw", "servicea→serviceb", 4)));

        var first = figures.Hops();
        store.AddTraces(Support.Otlp.Traces("servicea", ClientHop("peering", "servicea→servicec", 2)));
        var cached = figures.Hops();
        clock.Advance(LiveLinkFigures.MinInterval);
        var fresh = figures.Hops();

        Assert.Equal(["tgw"], first.Select(f => f.Link));
        Assert.Same(first, cached);
        Assert.Equal(["peering", "tgw"], fresh.Select(f => f.Link).Order(StringComparer.Ordinal));
        var hop = Assert.Single(fresh.Single(f => f.Link == "peering").Hops);
        Assert.Equal(("servicea→servicec", "trace", 1L), (hop.Hop, hop.Source, hop.Latency.Count));
        Assert.InRange(hop.Latency.P50Ms, 1.99, 2.01);
    }

    [Fact]
    public void ServerSpansAndSpansWithoutAHopAreNotHops()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        var server = Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), link: "tgw");
        server.Attributes.Add(new KeyValue { Key = "lab.hop", Value = new AnyValue { StringValue = "servicea→serviceb" } });
        var clientWithoutHop = Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), link: "tgw");
        clientWithoutHop.Kind = ProtoSpan.Types.SpanKind.Client;
        store.AddTraces(Support.Otlp.Traces("servicea", server, clientWithoutHop));

        var tgw = Assert.Single(new LiveLinkFigures(store, new ManualClock()).Hops());

        Assert.Empty(tgw.Hops);
        Assert.Null(tgw.SampleTraceId);
    }

    private static ProtoSpan ClientHop(string link, string hop, ulong durationMs)
    {
        var span = Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), name: "GET", durationMs: durationMs, link: link);
        span.Kind = ProtoSpan.Types.SpanKind.Client;
        span.Attributes.Add(new KeyValue { Key = "lab.hop", Value = new AnyValue { StringValue = hop } });
        return span;
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
