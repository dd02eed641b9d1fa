using System.Globalization;
using Google.Protobuf.Collections;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.AspireTelemetry;

/// <summary>
/// Undoes what the Aspire dashboard's telemetry API does to attributes before the spans reach the X-Ray translator.
/// </summary>
/// <remarks>
/// The Aspire dashboard stores every attribute value as a string and its API writes each one back as a
/// <c>stringValue</c> (numbers and booleans too), and adds <c>aspire.*</c> attributes of its own
/// (<c>aspire.destination</c>). The awsxray exporter the lab's collectors run in AWS sees the types the SDK sent: an
/// int <c>http.response.status_code</c> becomes the number in <c>http.response.status</c> and an int annotation stays
/// a number. So, before translation, the attributes whose type the exporter's output depends on are re-typed from the
/// small table below (only when the text parses; otherwise they stay strings), and <c>aspire.*</c> attributes, which
/// no collector ever sees, are dropped. Anything not in the table stays a string: a string attribute the SDK sent
/// cannot be told from a re-typed one, so guessing by content would turn real strings into numbers.
/// </remarks>
public static class AspireAttributeTypes
{
    /// <summary>The prefix of the attributes the Aspire dashboard adds (e.g. <c>aspire.destination</c>).</summary>
    public const string AspirePrefix = "aspire.";

    /// <summary>Attributes the SDKs send as integers (HTTP semantic conventions old and new, the lab's hop number).</summary>
    public static readonly IReadOnlySet<string> Integers = new HashSet<string>(StringComparer.Ordinal)
    {
        "http.status_code", "http.response.status_code", "server.port", "client.port", "net.peer.port", "net.host.port",
        "network.peer.port", "network.local.port", "http.request_content_length", "http.response_content_length",
        "http.request.resend_count", "messaging.message_payload_size_bytes", "thread.id", LabAttributes.Hop,
    };

    /// <summary>Attributes the SDKs send as booleans.</summary>
    public static readonly IReadOnlySet<string> Booleans = new HashSet<string>(StringComparer.Ordinal)
    {
        "exception.escaped", "messaging.destination.temporary", "messaging.destination.anonymous",
    };

    /// <summary>Restores the types in every resource, span and event of <paramref name="resourceSpans"/>, in place.</summary>
    public static void Restore(IEnumerable<ResourceSpans> resourceSpans)
    {
        ArgumentNullException.ThrowIfNull(resourceSpans);
        foreach (var rs in resourceSpans)
        {
            if (rs.Resource is { } resource)
            {
                Restore(resource.Attributes);
            }

            foreach (var span in rs.ScopeSpans.SelectMany(s => s.Spans))
            {
                Restore(span.Attributes);
                foreach (var e in span.Events)
                {
                    Restore(e.Attributes);
                }
            }
        }
    }

    /// <summary>The typed value for <paramref name="key"/>, or <paramref name="value"/> unchanged.</summary>
    public static AnyValue Retype(string key, AnyValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.ValueCase != AnyValue.ValueOneofCase.StringValue)
        {
            return value;
        }

        var text = value.StringValue;
        if (IsInteger(key) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return new AnyValue { IntValue = n };
        }

        return Booleans.Contains(key) && bool.TryParse(text, out var b) ? new AnyValue { BoolValue = b } : value;
    }

    // *.size (http.request.body.size, messaging.message.body.size, ...) are byte counts in every semantic convention.
    private static bool IsInteger(string key) => Integers.Contains(key) || key.EndsWith(".size", StringComparison.Ordinal);

    private static void Restore(RepeatedField<KeyValue> attributes)
    {
        for (var i = attributes.Count - 1; i >= 0; i--)
        {
            var kv = attributes[i];
            if (kv.Key.StartsWith(AspirePrefix, StringComparison.Ordinal))
            {
                attributes.RemoveAt(i);
            }
            else if (kv.Value is { } value)
            {
                kv.Value = Retype(kv.Key, value);
            }
        }
    }
}
