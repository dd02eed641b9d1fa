using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;
using static TracingLab.Otlp.Trace.V1.Span.Types;

namespace TracingLab.XRay.Tests;

/// <summary>
/// What one /lab/hops call produces: servicea (ECS) serves, calls serviceb (EKS) over privatelink, which calls
/// servicec (EC2) over peering. Six spans in three resources.
/// </summary>
internal static class LabTrace
{
    public const int SpanCount = 6;

    public static ExportTraceServiceRequest Request(double servicebClockSkewMs = 0)
    {
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(Group(GoldenCases.ServiceA(),
            Lab.Span("GET /lab/hops", SpanKind.Server, 0xa1, 0, startOffsetMs: 0, durationMs: 40)
                .With("http.request.method", "GET").With("url.path", "/lab/hops").With("url.scheme", "http")
                .With("server.address", "localhost").With("server.port", 5101L).With("http.route", "/lab/hops")
                .With("http.response.status_code", 200L).With("lab.link", "privatelink").With("lab.hop", 0L),
            Lab.Span("GET", SpanKind.Client, 0xa2, 0xa1, startOffsetMs: 2, durationMs: 35)
                .With("http.request.method", "GET").With("url.full", "http://_privatelink.serviceb/analysis")
                .With("server.address", "serviceb").With("peer.service", "serviceb")
                .With("http.response.status_code", 200L).With("lab.link", "privatelink").With("lab.hop", 1L)));
        request.ResourceSpans.Add(Group(GoldenCases.ServiceB(),
            Lab.Span("GET /analysis", SpanKind.Server, 0xb1, 0xa2, startOffsetMs: 4 + servicebClockSkewMs, durationMs: 30)
                .With("http.request.method", "GET").With("url.path", "/analysis").With("server.address", "serviceb")
                .With("http.response.status_code", 200L).With("lab.link", "privatelink").With("lab.hop", 1L),
            Lab.Span("GET", SpanKind.Client, 0xb2, 0xb1, startOffsetMs: 6 + servicebClockSkewMs, durationMs: 20)
                .With("http.request.method", "GET").With("url.full", "http://_peering.servicec/inventory/42")
                .With("peer.service", "servicec").With("http.response.status_code", 200L)
                .With("lab.link", "peering").With("lab.hop", 2L)));
        request.ResourceSpans.Add(Group(GoldenCases.ServiceC(),
            Lab.Span("GET /inventory/{sku}", SpanKind.Server, 0xc1, 0xb2, startOffsetMs: 8, durationMs: 15)
                .With("http.request.method", "GET").With("url.path", "/inventory/42").With("server.address", "servicec")
                .With("http.response.status_code", 200L).With("lab.link", "peering").With("lab.hop", 2L),
            Lab.Span("stock lookup", SpanKind.Internal, 0xc2, 0xc1, startOffsetMs: 9, durationMs: 10)));
        return request;
    }

    private static ResourceSpans Group(Resource resource, params Span[] spans)
    {
        var scope = new ScopeSpans { Scope = new TracingLab.Otlp.Common.V1.InstrumentationScope { Name = "TracingLab" } };
        scope.Spans.AddRange(spans);
        var group = new ResourceSpans { Resource = resource };
        group.ScopeSpans.Add(scope);
        return group;
    }
}
