using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using TracingLab.Otlp;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Spans;
using static TracingLab.XRay.Import.JsonWalk;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.XRay.Import;

/// <summary>One span read back from AWS, with the resource and scope it came with.</summary>
public sealed record ImportedSpan(Resource Resource, InstrumentationScope Scope, Span Span);

/// <summary>
/// Reads one span record as AWS hands it back: an <c>aws/spans</c> log event message, or the <c>Document</c> of a
/// <c>list-retrieved-traces --trace-format OTEL</c> span. AWS documents neither layout field by field
/// (docs/xray-otlp.md), so two are accepted: attributes as one object keyed by name (the form AWS's Logs Insights
/// examples address as <c>attributes.{key}</c>), or OTLP/JSON (attributes as <c>[{key, value}]</c>). Fields AWS does not
/// document are read where a record carries them at the top level or under the lab's own
/// <see cref="AwsSpanRecords.NotDocumentedProperty"/>.
/// </summary>
internal static class SpanRecordReader
{
    private const string HexTraceId = "a W3C trace id (32 hex digits) or an X-Ray trace id";

    public static ImportedSpan Read(JsonElement record, string path)
    {
        RequireObject(record, path, "a span record object with traceId, spanId and name");
        if (IsOtlpJson(record))
        {
            return ReadOtlpJson(record, path);
        }
        var extra = Optional(record, AwsSpanRecords.NotDocumentedProperty) is { ValueKind: JsonValueKind.Object } nd ? nd : (JsonElement?)null;
        JsonElement? Field(string name) => Optional(record, name) ?? (extra is { } e ? Optional(e, name) : null);
        string FieldPath(string name) => Optional(record, name) is not null || extra is null ? Child(path, name) : Child(Child(path, AwsSpanRecords.NotDocumentedProperty), name);

        var traceId = TraceIdBytes(RequiredString(record, "traceId", path, s => TraceIdBytes(s) is not null, HexTraceId))!;
        var spanId = RequiredString(record, "spanId", path, IsSpanId, "16 hex digits");
        var parent = OptionalString(record, "parentSpanId", path, s => s.Length == 0 || IsSpanId(s), "16 hex digits, or empty for a root span");
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(traceId),
            SpanId = ByteString.CopyFrom(Convert.FromHexString(spanId)),
            ParentSpanId = string.IsNullOrEmpty(parent) ? ByteString.Empty : ByteString.CopyFrom(Convert.FromHexString(parent)),
            Name = RequiredString(record, "name", path),
            Kind = Field("kind") is { } kind ? Kind(kind, FieldPath("kind")) : Span.Types.SpanKind.Unspecified,
            StartTimeUnixNano = Nanos(Field("startTimeUnixNano"), FieldPath("startTimeUnixNano")),
            EndTimeUnixNano = Nanos(Field("endTimeUnixNano"), FieldPath("endTimeUnixNano")),
        };
        if (span.EndTimeUnixNano < span.StartTimeUnixNano)
        {
            throw Fail(FieldPath("endTimeUnixNano"), $"a time at or after startTimeUnixNano {span.StartTimeUnixNano}", Field("endTimeUnixNano"));
        }
        if (Optional(record, "attributes") is { } attributes)
        {
            AddAttributes(span.Attributes, attributes, Child(path, "attributes"));
        }
        if (Field("status") is { } status)
        {
            span.Status = Status(status, FieldPath("status"));
        }
        if (Field("traceState") is { ValueKind: JsonValueKind.String } ts)
        {
            span.TraceState = ts.GetString();
        }
        if (Field("events") is { } events)
        {
            Events(span, events, FieldPath("events"));
        }
        var resource = new Resource();
        if (Field("resource") is { } r)
        {
            RequireObject(r, FieldPath("resource"), "an object with attributes");
            if (Optional(r, "attributes") is { } ra)
            {
                AddAttributes(resource.Attributes, ra, Child(FieldPath("resource"), "attributes"));
            }
        }
        var scope = new InstrumentationScope();
        if (Field("scope") is { } s)
        {
            RequireObject(s, FieldPath("scope"), "an object with name and version");
            scope.Name = OptionalString(s, "name", FieldPath("scope")) ?? "";
            scope.Version = OptionalString(s, "version", FieldPath("scope")) ?? "";
        }
        return new ImportedSpan(resource, scope, span);
    }

    // A span without attributes looks the same in both layouts; its resource or events can still tell them apart.
    private static bool IsOtlpJson(JsonElement record)
    {
        static bool ListForm(JsonElement owner) =>
            owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Array;
        return ListForm(record)
            || (record.TryGetProperty("resource", out var r) && ListForm(r))
            || (record.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Array && e.EnumerateArray().Any(ListForm));
    }

    private static ImportedSpan ReadOtlpJson(JsonElement record, string path)
    {
        var node = JsonNode.Parse(record.GetRawText())!.AsObject();
        var resourceNode = node["resource"] as JsonObject;
        var scopeNode = node["scope"] as JsonObject;
        node.Remove("resource");
        node.Remove("scope");
        try
        {
            var span = OtlpJson.Parse<Span>(node);
            if (span.TraceId.Length != 16 || span.SpanId.Length != 8)
            {
                throw Fail(Child(path, "traceId"), "a 32-hex traceId and a 16-hex spanId", record);
            }
            var resource = resourceNode is null ? new Resource() : OtlpJson.Parse<Resource>(resourceNode);
            var scope = scopeNode is null ? new InstrumentationScope() : OtlpJson.Parse<InstrumentationScope>(scopeNode);
            return new ImportedSpan(resource, scope, span);
        }
        catch (OtlpFormatException ex)
        {
            throw new ImportFailure(new XRayImportError(path, "an OTLP/JSON span", Bounded(ex.Message)));
        }
    }

    private static void AddAttributes(Google.Protobuf.Collections.RepeatedField<KeyValue> into, JsonElement attributes, string path)
    {
        if (attributes.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, "an object of attribute name to value", attributes);
        }
        foreach (var p in attributes.EnumerateObject())
        {
            into.Add(new KeyValue { Key = p.Name, Value = Any(p.Value, Child(path, p.Name), 0) });
        }
    }

    /// <summary>The value as sent: JSON integers are OTLP ints, other numbers doubles, null a key without a value.</summary>
    private static AnyValue Any(JsonElement v, string path, int depth)
    {
        if (depth > 32)
        {
            throw Fail(path, "a value nested at most 32 deep", v);
        }
        switch (v.ValueKind)
        {
            case JsonValueKind.String: return new AnyValue { StringValue = v.GetString() };
            case JsonValueKind.True: return new AnyValue { BoolValue = true };
            case JsonValueKind.False: return new AnyValue { BoolValue = false };
            case JsonValueKind.Null: return new AnyValue();
            case JsonValueKind.Number:
                var raw = v.GetRawText();
                return raw.AsSpan().IndexOfAny(".eE") < 0 && v.TryGetInt64(out var l)
                    ? new AnyValue { IntValue = l }
                    : new AnyValue { DoubleValue = v.GetDouble() };
            case JsonValueKind.Array:
                var array = new ArrayValue();
                var i = 0;
                foreach (var item in v.EnumerateArray())
                {
                    array.Values.Add(Any(item, Index(path, i++), depth + 1));
                }
                return new AnyValue { ArrayValue = array };
            case JsonValueKind.Object:
                var list = new KeyValueList();
                foreach (var p in v.EnumerateObject())
                {
                    list.Values.Add(new KeyValue { Key = p.Name, Value = Any(p.Value, Child(path, p.Name), depth + 1) });
                }
                return new AnyValue { KvlistValue = list };
            default:
                throw Fail(path, "a JSON value", v);
        }
    }

    private static Span.Types.SpanKind Kind(JsonElement v, string path)
    {
        const string expected = "a span kind: 0-5 or INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER (SPAN_KIND_ prefix allowed)";
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n is >= 0 and <= 5)
        {
            return (Span.Types.SpanKind)n;
        }
        if (v.ValueKind == JsonValueKind.String)
        {
            var name = v.GetString()!.ToUpperInvariant();
            name = name.StartsWith("SPAN_KIND_", StringComparison.Ordinal) ? name["SPAN_KIND_".Length..] : name;
            switch (name)
            {
                case "UNSPECIFIED": return Span.Types.SpanKind.Unspecified;
                case "INTERNAL": return Span.Types.SpanKind.Internal;
                case "SERVER": return Span.Types.SpanKind.Server;
                case "CLIENT": return Span.Types.SpanKind.Client;
                case "PRODUCER": return Span.Types.SpanKind.Producer;
                case "CONSUMER": return Span.Types.SpanKind.Consumer;
            }
        }
        throw Fail(path, expected, v);
    }

    private static Status Status(JsonElement v, string path)
    {
        RequireObject(v, path, "an object with code");
        var status = new Status { Message = OptionalString(v, "message", path) ?? "" };
        if (Optional(v, "code") is not { } code)
        {
            return status;
        }
        const string expected = "a status code: 0-2 or UNSET, OK, ERROR (STATUS_CODE_ prefix allowed)";
        if (code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var n) && n is >= 0 and <= 2)
        {
            status.Code = (Status.Types.StatusCode)n;
            return status;
        }
        if (code.ValueKind == JsonValueKind.String)
        {
            var name = code.GetString()!.ToUpperInvariant();
            name = name.StartsWith("STATUS_CODE_", StringComparison.Ordinal) ? name["STATUS_CODE_".Length..] : name;
            status.Code = name switch
            {
                "UNSET" => Otlp.Trace.V1.Status.Types.StatusCode.Unset,
                "OK" => Otlp.Trace.V1.Status.Types.StatusCode.Ok,
                "ERROR" => Otlp.Trace.V1.Status.Types.StatusCode.Error,
                _ => throw Fail(Child(path, "code"), expected, code),
            };
            return status;
        }
        throw Fail(Child(path, "code"), expected, code);
    }

    private static void Events(Span span, JsonElement events, string path)
    {
        if (events.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, "an array of events", events);
        }
        var i = 0;
        foreach (var e in events.EnumerateArray())
        {
            var p = Index(path, i++);
            RequireObject(e, p, "an event object with name and timeUnixNano");
            var ev = new Span.Types.Event { Name = OptionalString(e, "name", p) ?? "", TimeUnixNano = Nanos(Optional(e, "timeUnixNano"), Child(p, "timeUnixNano")) };
            if (Optional(e, "attributes") is { } attributes)
            {
                if (attributes.ValueKind == JsonValueKind.Array)
                {
                    throw Fail(Child(p, "attributes"), "an object of attribute name to value", attributes);
                }
                AddAttributes(ev.Attributes, attributes, Child(p, "attributes"));
            }
            span.Events.Add(ev);
        }
    }

    /// <summary>Nanoseconds since the epoch, as a JSON number or a string of digits (OTLP/JSON writes 64-bit integers as strings).</summary>
    private static ulong Nanos(JsonElement? v, string path)
    {
        const string expected = "epoch nanoseconds (digits, as a number or a string); the times are needed to compare";
        if (v is not { } e)
        {
            throw Fail(path, expected, null);
        }
        if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out var n))
        {
            return n;
        }
        if (e.ValueKind == JsonValueKind.String && ulong.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }
        throw Fail(path, expected, e);
    }

    /// <summary>The 16 id bytes of a W3C (32 hex) or X-Ray trace id; null if it is neither.</summary>
    internal static byte[]? TraceIdBytes(string value)
    {
        return XRayTraceId.TryParseForm(value, out var id) ? id.ToBytes() : null;
    }

    private static bool IsSpanId(string value) => value.Length == 16 && IsHex(value);

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);

    private static string Bounded(string message) => message.Length <= 200 ? message : message[..197] + "...";
}
