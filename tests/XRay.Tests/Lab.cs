using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Translation;

namespace TracingLab.XRay.Tests;

/// <summary>Builds OTLP spans and resources the way the lab's services emit them, on a fixed clock.</summary>
internal static class Lab
{
    /// <summary>The fixed "now" of every test: 2026-11-22T12:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static XRayTranslator Translator(XRayTranslatorOptions? options = null) =>
        new((options ?? new XRayTranslatorOptions()) with { Clock = Clock() });

    /// <summary>A trace id whose epoch is <paramref name="epoch"/> followed by a fixed random part.</summary>
    public static ByteString TraceId(long epoch, byte fill = 0xab)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)epoch);
        for (var i = 4; i < 16; i++)
        {
            bytes[i] = (byte)(fill + i);
        }
        return ByteString.CopyFrom(bytes);
    }

    public static ByteString TraceId() => TraceId(Now.ToUnixTimeSeconds() - 60);

    public static ByteString SpanId(ulong value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return ByteString.CopyFrom(bytes);
    }

    public static Span Span(string name, Span.Types.SpanKind kind, ulong id, ulong parent = 0, ByteString? traceId = null,
        double startOffsetMs = 0, double durationMs = 12.5)
    {
        var start = (ulong)(Now.ToUnixTimeMilliseconds() - 60_000) * 1_000_000UL + (ulong)(startOffsetMs * 1_000_000);
        return new Span
        {
            TraceId = traceId ?? TraceId(),
            SpanId = SpanId(id),
            ParentSpanId = parent == 0 ? ByteString.Empty : SpanId(parent),
            Name = name,
            Kind = kind,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + (ulong)(durationMs * 1_000_000),
        };
    }

    public static Span With(this Span span, string key, object value)
    {
        span.Attributes.Add(Kv(key, value));
        return span;
    }

    public static Span WithStatus(this Span span, Status.Types.StatusCode code, string message = "")
    {
        span.Status = new Status { Code = code, Message = message };
        return span;
    }

    public static Span WithException(this Span span, string type, string message, string? stack = null)
    {
        var e = new Span.Types.Event { Name = "exception", TimeUnixNano = span.EndTimeUnixNano };
        e.Attributes.Add(Kv("exception.type", type));
        e.Attributes.Add(Kv("exception.message", message));
        if (stack is not null)
        {
            e.Attributes.Add(Kv("exception.stacktrace", stack));
        }
        span.Events.Add(e);
        return span;
    }

    public static Resource Resource(params (string Key, object Value)[] attributes)
    {
        var r = new Resource();
        foreach (var (key, value) in attributes)
        {
            r.Attributes.Add(Kv(key, value));
        }
        return r;
    }

    /// <summary>A local (no cloud) lab service: what the SDK and ServiceDefaults put on every resource.</summary>
    public static Resource Service(string name, params (string Key, object Value)[] extra) => Resource(
        [("service.name", name), ("service.instance.id", "a1b2c3d4"), ("telemetry.sdk.name", "opentelemetry"),
         ("telemetry.sdk.language", "dotnet"), ("telemetry.sdk.version", "1.20.1"), .. extra]);

    public static KeyValue Kv(string key, object value) => new() { Key = key, Value = Any(value) };

    public static AnyValue Any(object value) => value switch
    {
        string s => new AnyValue { StringValue = s },
        int i => new AnyValue { IntValue = i },
        long l => new AnyValue { IntValue = l },
        double d => new AnyValue { DoubleValue = d },
        bool b => new AnyValue { BoolValue = b },
        byte[] bytes => new AnyValue { BytesValue = ByteString.CopyFrom(bytes) },
        object[] items => Array(items),
        _ => throw new ArgumentException($"unsupported test value {value.GetType()}"),
    };

    private static AnyValue Array(object[] items)
    {
        var list = new ArrayValue();
        foreach (var item in items)
        {
            list.Values.Add(Any(item));
        }
        return new AnyValue { ArrayValue = list };
    }
}
