using System.Buffers;
using System.Text;
using System.Text.Json;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Translation;

namespace TracingLab.XRay.Spans;

/// <summary>
/// The "OTLP endpoint / Transaction Search" view: the <c>aws/spans</c> records X-Ray stores for a trace sent to
/// <c>https://xray.{region}.amazonaws.com/v1/traces</c>. AWS documents no schema for these records. What it does
/// document (docs/xray-otlp.md, "What an aws/spans record holds") is written at the top level of each record:
/// <c>traceId</c> (W3C, 32 hex), <c>spanId</c>, <c>parentSpanId</c>, <c>name</c> and <c>attributes.{key}</c>.
/// Everything else the span carried goes under <see cref="NotDocumentedProperty"/>, with OTLP/JSON names, so
/// nothing is lost and nothing is presented as AWS's format.
/// </summary>
public static class AwsSpanRecords
{
    /// <summary>The member of each record that holds what AWS does not document for <c>aws/spans</c>.</summary>
    public const string NotDocumentedProperty = "notDocumented";

    /// <summary>The OTLP span fields whose form in <c>aws/spans</c> AWS does not document, as the JSON answer lists them.</summary>
    public static readonly IReadOnlyList<string> NotDocumentedFields =
    [
        "kind", "startTimeUnixNano", "endTimeUnixNano", "status.code (queried in AWS's examples; its values are not documented)",
        "status.message", "traceState", "flags", "resource.attributes", "scope", "events", "links",
        "attribute value encoding for non-string values",
    ];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The JSON answer of <c>GET /api/xray/traces/{traceId}/spans</c>:
    /// <c>{"traceId": "...", "spans": [ records ], "notDocumentedByAws": [ ... ]}</c>, spans of
    /// <paramref name="traceId"/> only, in the order given.
    /// </summary>
    /// <param name="traceId">Either form (32 hex or X-Ray); the answer carries the W3C form, as <c>aws/spans</c> does.</param>
    public static string Write(string traceId, IEnumerable<ResourceSpans> resourceSpans)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        ArgumentNullException.ThrowIfNull(resourceSpans);
        var otel = XRayTraceId.NormalizeToHex(traceId) ??
            throw new ArgumentException($"'{Shorten(traceId)}' is not a trace id; give 32 hex digits or 1-{{8 hex}}-{{24 hex}}.", nameof(traceId));
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("traceId", otel);
            writer.WriteStartArray("spans");
            foreach (var rs in resourceSpans)
            {
                foreach (var scope in rs.ScopeSpans)
                {
                    foreach (var span in scope.Spans)
                    {
                        if (Convert.ToHexStringLower(span.TraceId.Span) == otel)
                        {
                            WriteRecord(writer, span, rs.Resource, scope.Scope);
                        }
                    }
                }
            }
            writer.WriteEndArray();
            writer.WriteStartArray("notDocumentedByAws");
            foreach (var field in NotDocumentedFields)
            {
                writer.WriteStringValue(field);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One record as a JSON string.</summary>
    public static string WriteRecord(Span span, Resource? resource, InstrumentationScope? scope)
    {
        ArgumentNullException.ThrowIfNull(span);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteRecord(writer, span, resource, scope);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one record: the documented fields, then <see cref="NotDocumentedProperty"/>.</summary>
    public static void WriteRecord(Utf8JsonWriter writer, Span span, Resource? resource, InstrumentationScope? scope)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(span);
        writer.WriteStartObject();
        writer.WriteString("traceId", Convert.ToHexStringLower(span.TraceId.Span));
        writer.WriteString("spanId", Convert.ToHexStringLower(span.SpanId.Span));
        // A root span has no parent: the field is left out rather than written empty (AWS's examples filter on it
        // but do not say how a root shows).
        if (!span.ParentSpanId.IsEmpty)
        {
            writer.WriteString("parentSpanId", Convert.ToHexStringLower(span.ParentSpanId.Span));
        }
        writer.WriteString("name", span.Name);
        writer.WritePropertyName("attributes");
        WriteAttributes(writer, span.Attributes);

        writer.WriteStartObject(NotDocumentedProperty);
        writer.WriteNumber("kind", (int)span.Kind);
        writer.WriteString("startTimeUnixNano", span.StartTimeUnixNano.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("endTimeUnixNano", span.EndTimeUnixNano.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteStartObject("status");
        writer.WriteNumber("code", (int)(span.Status?.Code ?? Status.Types.StatusCode.Unset));
        if (!string.IsNullOrEmpty(span.Status?.Message))
        {
            writer.WriteString("message", span.Status.Message);
        }
        writer.WriteEndObject();
        if (span.TraceState.Length > 0)
        {
            writer.WriteString("traceState", span.TraceState);
        }
        if (span.Flags != 0)
        {
            writer.WriteNumber("flags", span.Flags);
        }
        writer.WriteStartObject("resource");
        writer.WritePropertyName("attributes");
        WriteAttributes(writer, resource?.Attributes ?? []);
        writer.WriteEndObject();
        if (scope is not null)
        {
            writer.WriteStartObject("scope");
            writer.WriteString("name", scope.Name);
            if (scope.Version.Length > 0)
            {
                writer.WriteString("version", scope.Version);
            }
            writer.WriteEndObject();
        }
        if (span.Events.Count > 0)
        {
            writer.WriteStartArray("events");
            foreach (var e in span.Events)
            {
                writer.WriteStartObject();
                writer.WriteString("name", e.Name);
                writer.WriteString("timeUnixNano", e.TimeUnixNano.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WritePropertyName("attributes");
                WriteAttributes(writer, e.Attributes);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (span.Links.Count > 0)
        {
            writer.WriteStartArray("links");
            foreach (var l in span.Links)
            {
                writer.WriteStartObject();
                writer.WriteString("traceId", Convert.ToHexStringLower(l.TraceId.Span));
                writer.WriteString("spanId", Convert.ToHexStringLower(l.SpanId.Span));
                writer.WritePropertyName("attributes");
                WriteAttributes(writer, l.Attributes);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Attributes as one JSON object keyed by attribute name, each value as the SDK sent it: int and double as
    /// numbers, bool, arrays as arrays, key-value lists as objects, bytes as base64, an empty string as <c>""</c>,
    /// a key sent without a value as <c>null</c>. A key the span did not send is absent. OTLP requires unique keys;
    /// if one repeats, the last value is written, once.
    /// </summary>
    internal static void WriteAttributes(Utf8JsonWriter writer, IReadOnlyList<KeyValue> attributes)
    {
        writer.WriteStartObject();
        for (var i = 0; i < attributes.Count; i++)
        {
            var kv = attributes[i];
            if (LastIndexOf(attributes, kv.Key) != i)
            {
                continue;
            }
            writer.WritePropertyName(kv.Key);
            AnyValueJson.Write(writer, kv.Value);
        }
        writer.WriteEndObject();
    }

    private static int LastIndexOf(IReadOnlyList<KeyValue> attributes, string key)
    {
        for (var i = attributes.Count - 1; i >= 0; i--)
        {
            if (attributes[i].Key == key)
            {
                return i;
            }
        }
        return -1;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
