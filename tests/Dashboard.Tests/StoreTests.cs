using TracingLab.Dashboard.Store;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.Tests;

public sealed class StoreTests
{
    [Fact]
    public void TraceIdParsesHexAndXRayFormsToTheSameId()
    {
        Assert.True(TraceId.TryParse("4bf92f3577b34da6a3ce929d0e0e4736", out var hex));
        Assert.True(TraceId.TryParse("1-4bf92f35-77b34da6a3ce929d0e0e4736", out var xray));
        Assert.True(TraceId.TryParse("4BF92F3577B34DA6A3CE929D0E0E4736", out var upper));

        Assert.Equal(hex, xray);
        Assert.Equal(hex, upper);
        Assert.Equal("1-4bf92f35-77b34da6a3ce929d0e0e4736", hex.ToXRay());
        Assert.Equal(0x4bf92f35u, hex.EpochSeconds);
        Assert.False(TraceId.TryParse("00000000000000000000000000000000", out _));
        Assert.False(TraceId.TryParse("1-4bf92f35-77b34da6a3ce929d0e0e47", out _));
        Assert.False(TraceId.TryParse("zzf92f3577b34da6a3ce929d0e0e4736", out _));
    }

    [Fact]
    public void OldestTracesOfAResourceAreEvictedFirstAndCounted()
    {
        var store = new TelemetryStore(new TelemetryLimits(MaxTracesPerResource: 3));
        var ids = Enumerable.Range(0, 5).Select(_ => Support.Otlp.NewTraceId()).ToList();
        foreach (var id in ids)
        {
            store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(id, Support.Otlp.NewSpanId())));
        }

        store.AddTraces(Support.Otlp.Traces("serviceb", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId())));

        var kept = ids.Select(id => { var t = Ids.Parse(id); return store.GetTrace(t) is not null; }).ToList();
        Assert.Equal([false, false, true, true, true], kept);
        var a = store.GetResourceStats().Single(r => r.Name == "servicea");
        Assert.Equal(3, a.TraceCount);
        Assert.Equal(2, a.EvictedTraces);
        Assert.Equal(0, store.GetResourceStats().Single(r => r.Name == "serviceb").EvictedTraces);
        Assert.Equal(4, store.TraceCount);
        Assert.Equal(3, store.QueryTraces(new TraceQuery(Service: "servicea")).Total);
    }

    [Fact]
    public void LogsAreIndexedByTraceAndEvictedOldestFirst()
    {
        var store = new TelemetryStore(new TelemetryLimits(MaxLogsPerResource: 2));
        var traceId = Support.Otlp.NewTraceId();

        store.AddLogs(Support.Otlp.Logs("servicea", traceId, "one", "two", "three"));
        store.AddLogs(Support.Otlp.Logs("servicea", null, "four"));

        var id = Ids.Parse(traceId);
        Assert.Equal(["three"], store.QueryLogs(new LogQuery(TraceId: id)).Items.Select(l => l.Body));
        Assert.Equal(["four", "three"], store.QueryLogs(new LogQuery()).Items.Select(l => l.Body));
        Assert.Equal(2, store.GetResourceStats().Single().EvictedLogs);
    }

    [Fact]
    public void TraceQueriesFilterByServiceLinkStatusDurationAndText()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        var fast = Support.Otlp.NewTraceId();
        var slowError = Support.Otlp.NewTraceId();
        store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(fast, Support.Otlp.NewSpanId(), name: "GET /orders", durationMs: 5, link: "tgw")));
        store.AddTraces(Support.Otlp.Traces("serviceb", Support.Otlp.Span(slowError, Support.Otlp.NewSpanId(), name: "POST /analysis", durationMs: 500, link: "peering", error: true)));

        Assert.Single(store.QueryTraces(new TraceQuery(Service: "serviceb")).Items);
        Assert.Single(store.QueryTraces(new TraceQuery(Link: "tgw")).Items);
        Assert.Single(store.QueryTraces(new TraceQuery(HasError: true)).Items);
        Assert.Single(store.QueryTraces(new TraceQuery(HasError: false)).Items);
        Assert.Single(store.QueryTraces(new TraceQuery(MinDurationMs: 100)).Items);
        Assert.Single(store.QueryTraces(new TraceQuery(MaxDurationMs: 100)).Items);
        Assert.Single(store.QueryTraces(new TraceQuery(Text: "analysis")).Items);
        var fastId = Ids.Parse(fast);
        Assert.Equal(fastId, store.QueryTraces(new TraceQuery(Text: fastId.ToXRay())).Items.Single().Id);
        Assert.Empty(store.QueryTraces(new TraceQuery(Service: "serviceb", Link: "tgw")).Items);
    }

    [Fact]
    public void MetricPointsAreBoundedPerResource()
    {
        var store = new TelemetryStore(new TelemetryLimits(MaxMetricPointsPerResource: 5));
        for (var i = 0; i < 8; i++)
        {
            var request = new TracingLab.Otlp.Collector.Metrics.V1.ExportMetricsServiceRequest();
            var gauge = new TracingLab.Otlp.Metrics.V1.Gauge();
            gauge.DataPoints.Add(new TracingLab.Otlp.Metrics.V1.NumberDataPoint { AsDouble = i, TimeUnixNano = (ulong)(i + 1) * 1_000_000_000 });
            var scope = new TracingLab.Otlp.Metrics.V1.ScopeMetrics();
            scope.Metrics.Add(new TracingLab.Otlp.Metrics.V1.Metric { Name = "queue.depth", Gauge = gauge });
            var resource = new TracingLab.Otlp.Metrics.V1.ResourceMetrics { Resource = Support.Otlp.Resource("servicea") };
            resource.ScopeMetrics.Add(scope);
            request.ResourceMetrics.Add(resource);
            store.AddMetrics(request);
        }

        var series = Assert.Single(store.GetMetrics());
        Assert.Equal([3.0, 4, 5, 6, 7], series.Points.Select(p => p.Value));
        Assert.Equal(3, store.GetResourceStats().Single().EvictedMetricPoints);
    }

    [Fact]
    public void ARetriedExportDoesNotDuplicateSpans()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        var request = Support.Otlp.Traces("servicea", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId()));

        store.AddTraces(request);
        store.AddTraces(request);
        store.AddTraces(Google.Protobuf.MessageExtensions.ToByteArray(request));

        Assert.Equal(1, store.SpanCount);
        Assert.Single(store.QuerySpans(new SpanQuery()).Items);
    }

    [Fact]
    public void EvictedTracesDoNotLingerInTheIndexesOfOtherResources()
    {
        var store = new TelemetryStore(new TelemetryLimits(MaxTracesPerResource: 100));
        for (var i = 0; i < 10_000; i++)
        {
            var traceId = Support.Otlp.NewTraceId();
            var root = Support.Otlp.NewSpanId();
            store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(traceId, root, link: "tgw", error: i % 2 == 0)));
            store.AddTraces(Support.Otlp.Traces("serviceb", Support.Otlp.Span(traceId, Support.Otlp.NewSpanId(), root, link: "tgw")));
        }

        Assert.Equal(100, store.TraceCount);
        Assert.True(store.IndexedTraceEntries() < 10 * 1024, $"{store.IndexedTraceEntries()} index entries for 100 live traces");
    }
}
