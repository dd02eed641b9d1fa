using Google.Protobuf;
using TracingLab.Dashboard.Otlp;
using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.Dashboard.Tests;

public sealed class WireReaderTests
{
    [Fact]
    public void ReadingProtobufBytesDirectlyStoresTheSameSpansAsReadingProtobufObjects()
    {
        var request = Support.Otlp.Traces("servicea",
            Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), Support.Otlp.NewSpanId(), "with everything", link: "tgw", error: true));
        var span = request.ResourceSpans[0].ScopeSpans[0].Spans[0];
        span.TraceState = "vendor=1";
        span.Flags = 257;
        span.Status.Message = "boom";
        span.Attributes.Add(new KeyValue { Key = "n", Value = new AnyValue { IntValue = -5 } });
        span.Attributes.Add(new KeyValue { Key = "big", Value = new AnyValue { IntValue = 1L << 40 } });
        span.Attributes.Add(new KeyValue { Key = "d", Value = new AnyValue { DoubleValue = 1.5 } });
        span.Attributes.Add(new KeyValue { Key = "b", Value = new AnyValue { BoolValue = true } });
        var array = new ArrayValue();
        array.Values.Add(new AnyValue { StringValue = "x" });
        span.Attributes.Add(new KeyValue { Key = "a", Value = new AnyValue { ArrayValue = array } });
        var ev = new Span.Types.Event { Name = "exception", TimeUnixNano = 5 };
        ev.Attributes.Add(new KeyValue { Key = "exception.message", Value = new AnyValue { StringValue = "bad" } });
        span.Events.Add(ev);
        span.Links.Add(new Span.Types.Link { TraceId = ByteString.CopyFrom(Support.Otlp.NewTraceId()), SpanId = ByteString.CopyFrom(Support.Otlp.NewSpanId()) });

        var fromObjects = new TelemetryStore(new TelemetryLimits());
        var fromBytes = new TelemetryStore(new TelemetryLimits());
        fromObjects.AddTraces(request);
        fromBytes.AddTraces(request.ToByteArray());

        var expected = OtlpJson.Format(OtlpExport.ToTracesRequest(fromObjects.QuerySpans(new SpanQuery()).Items));
        var actual = OtlpJson.Format(OtlpExport.ToTracesRequest(fromBytes.QuerySpans(new SpanQuery()).Items));
        Assert.Equal(expected, actual);
        Assert.Contains("\"big\"", actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 })]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x0B })]
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void MalformedBytesThrowAFormatErrorAndStoreNothing(byte[] bytes)
    {
        var store = new TelemetryStore(new TelemetryLimits());

        Assert.Throws<OtlpFormatException>(() => store.AddTraces(bytes));
        Assert.Equal(0, store.SpanCount);
    }
}
