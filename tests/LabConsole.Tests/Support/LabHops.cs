using Google.Protobuf;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;
using static TracingLab.Otlp.Trace.V1.Span.Types;

namespace TracingLab.LabConsole.Tests.Support;

/// <summary>
/// What one /lab/hops call sends: servicea (ECS) serves and calls serviceb (EKS) over privatelink, which calls
/// servicec (EC2) over peering. Server spans, client spans with peer.service and lab.link, and one internal span.
/// The trace id carries the current epoch, as the lab's X-Ray id generator does, so the age check accepts it.
/// <paramref name="calleeStatus"/> is servicec's HTTP status (500 makes its server span a fault, 404 an error).
/// </summary>
internal sealed class LabHops(long calleeStatus = 200)
{
    private readonly byte[] _traceId = NewTraceId();

    private static byte[] NewTraceId()
    {
        var bytes = new byte[16];
        Random.Shared.NextBytes(bytes);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return bytes;
    }

    public byte[] TraceId => _traceId;

    public string OtelTraceId => Convert.ToHexStringLower(TraceId);

    public string XRayTraceId => $"1-{OtelTraceId[..8]}-{OtelTraceId[8..]}";

    public ulong StartUnixNano { get; init; } = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000UL;

    public const int SpanCount = 6;

    public ExportTraceServiceRequest Request()
    {
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(Group("servicea", "aws_ecs",
            Span("GET /lab/hops", SpanKind.Server, 0xa1, 0, 0, 40)
                .With("http.request.method", "GET").With("url.path", "/lab/hops").With("url.scheme", "http")
                .With("server.address", "localhost").With("http.response.status_code", 200L).With("lab.link", "privatelink").With("lab.hop", 0L),
            Span("GET", SpanKind.Client, 0xa2, 0xa1, 2, 35)
                .With("http.request.method", "GET").With("url.full", "http://serviceb/analysis").With("peer.service", "serviceb")
                .With("http.response.status_code", 200L).With("lab.link", "privatelink").With("lab.hop", 1L)));
        request.ResourceSpans.Add(Group("serviceb", "aws_eks",
            Span("GET /analysis", SpanKind.Server, 0xb1, 0xa2, 4, 30)
                .With("http.request.method", "GET").With("url.path", "/analysis").With("server.address", "serviceb")
                .With("http.response.status_code", 200L).With("lab.link", "privatelink").With("lab.hop", 1L),
            Span("GET", SpanKind.Client, 0xb2, 0xb1, 6, 20)
                .With("http.request.method", "GET").With("url.full", "http://servicec/inventory/42").With("peer.service", "servicec")
                .With("http.response.status_code", calleeStatus).With("lab.link", "peering").With("lab.hop", 2L)));
        request.ResourceSpans.Add(Group("servicec", "aws_ec2",
            Span("GET /inventory/{sku}", SpanKind.Server, 0xc1, 0xb2, 8, 15)
                .With("http.request.method", "GET").With("url.path", "/inventory/42").With("server.address", "servicec")
                .With("http.response.status_code", calleeStatus).With("lab.link", "peering").With("lab.hop", 2L),
            Span("stock lookup", SpanKind.Internal, 0xc2, 0xc1, 9, 10)));
        if (calleeStatus >= 500)
        {
            request.ResourceSpans[2].ScopeSpans[0].Spans[0].Status = new Status { Code = Status.Types.StatusCode.Error };
        }

        return request;
    }

    public static string SpanIdHex(ulong id) => id.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private Span Span(string name, SpanKind kind, ulong id, ulong parent, double startMs, double durationMs)
    {
        var start = StartUnixNano + (ulong)(startMs * 1_000_000);
        return new Span
        {
            TraceId = ByteString.CopyFrom(TraceId),
            SpanId = SpanIdBytes(id),
            ParentSpanId = parent == 0 ? ByteString.Empty : SpanIdBytes(parent),
            Name = name,
            Kind = kind,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + (ulong)(durationMs * 1_000_000),
        };
    }

    private static ByteString SpanIdBytes(ulong id)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, id);
        return ByteString.CopyFrom(bytes);
    }

    private static ResourceSpans Group(string service, string platform, params Span[] spans)
    {
        var resource = new Resource();
        resource.Attributes.Add(Attr.Kv("service.name", service));
        resource.Attributes.Add(Attr.Kv("cloud.provider", "aws"));
        resource.Attributes.Add(Attr.Kv("cloud.platform", platform));
        resource.Attributes.Add(Attr.Kv("telemetry.sdk.language", "dotnet"));
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "TracingLab" } };
        scope.Spans.AddRange(spans);
        var group = new ResourceSpans { Resource = resource };
        group.ScopeSpans.Add(scope);
        return group;
    }
}

internal static class Attr
{
    public static KeyValue Kv(string key, object value) => new()
    {
        Key = key,
        Value = value switch
        {
            string s => new AnyValue { StringValue = s },
            long l => new AnyValue { IntValue = l },
            _ => throw new ArgumentException($"unsupported test value {value.GetType()}"),
        },
    };

    public static Span With(this Span span, string key, object value)
    {
        span.Attributes.Add(Kv(key, value));
        return span;
    }
}
