using Google.Protobuf;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Logs.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;
using ProtoSpan = TracingLab.Otlp.Trace.V1.Span;

namespace TracingLab.Dashboard.Tests.Support;

/// <summary>Builds OTLP requests by hand, for cases an SDK would never send.</summary>
public static class Otlp
{
    public static byte[] TraceId(string hex) => Convert.FromHexString(hex);

    public static byte[] NewTraceId()
    {
        var bytes = new byte[16];
        Random.Shared.NextBytes(bytes);
        var epoch = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, epoch);
        return bytes;
    }

    public static byte[] NewSpanId()
    {
        var bytes = new byte[8];
        Random.Shared.NextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }

    public static ProtoSpan Span(byte[] traceId, byte[] spanId, byte[]? parent = null, string name = "op", ulong startMs = 1_000, ulong durationMs = 10, string? link = null, bool error = false)
    {
        var span = new ProtoSpan
        {
            TraceId = ByteString.CopyFrom(traceId),
            SpanId = ByteString.CopyFrom(spanId),
            ParentSpanId = parent is null ? ByteString.Empty : ByteString.CopyFrom(parent),
            Name = name,
            Kind = ProtoSpan.Types.SpanKind.Server,
            StartTimeUnixNano = (1_700_000_000_000UL + startMs) * 1_000_000,
            EndTimeUnixNano = (1_700_000_000_000UL + startMs + durationMs) * 1_000_000,
            Status = new Status { Code = error ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Unset },
        };
        if (link is not null)
        {
            span.Attributes.Add(new KeyValue { Key = "lab.link", Value = new AnyValue { StringValue = link } });
        }

        return span;
    }

    public static ExportTraceServiceRequest Traces(string service, params ProtoSpan[] spans)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "test" } };
        scope.Spans.AddRange(spans);
        var resourceSpans = new ResourceSpans { Resource = Resource(service) };
        resourceSpans.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(resourceSpans);
        return request;
    }

    public static ExportLogsServiceRequest Logs(string service, byte[]? traceId, params string[] messages)
    {
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = "test" } };
        var i = 0UL;
        foreach (var message in messages)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = (1_700_000_000_000UL + i++) * 1_000_000,
                SeverityNumber = SeverityNumber.Info,
                SeverityText = "Information",
                Body = new AnyValue { StringValue = message },
                TraceId = traceId is null ? ByteString.Empty : ByteString.CopyFrom(traceId),
            });
        }

        var resourceLogs = new ResourceLogs { Resource = Resource(service) };
        resourceLogs.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(resourceLogs);
        return request;
    }

    public static Resource Resource(string service)
    {
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } });
        return resource;
    }
}
