using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace TracingLab.Otlp;

/// <summary>
/// OTLP/JSON, which differs from protobuf's canonical JSON mapping in one way that matters: trace and span ids are
/// hex strings, not base64. Google.Protobuf's formatter and parser do everything else (lowerCamelCase names, enums
/// as integers or names, 64-bit integers as strings or numbers), so ids are rewritten on the way in and out.
/// </summary>
public static class OtlpJson
{
    private static readonly HashSet<string> IdKeys = new(StringComparer.Ordinal) { "traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id" };
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatEnumsAsIntegers(true));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithRecursionLimit(64));
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses OTLP/JSON into a message; throws <see cref="OtlpFormatException"/> naming what was wrong.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json)
        where T : IMessage<T>, new()
    {
        JsonNode? root;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
            root = JsonNode.Parse(ref reader, NodeOptions);
        }
        catch (JsonException ex)
        {
            throw new OtlpFormatException($"body is not valid JSON: {ex.Message}", ex);
        }

        if (root is not JsonObject)
        {
            throw new OtlpFormatException($"body must be a JSON object, got {root?.GetValueKind().ToString() ?? "null"}");
        }

        return Parse<T>(root.AsObject());
    }

    /// <summary>Parses an OTLP/JSON object already read (e.g. the <c>data</c> member of an API answer); the object is rewritten in place.</summary>
    public static T Parse<T>(JsonObject root)
        where T : IMessage<T>, new()
    {
        ArgumentNullException.ThrowIfNull(root);
        HexToBase64(root);
        QuoteLargeIntegers(root);
        try
        {
            return Parser.Parse<T>(root.ToJsonString());
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            throw new OtlpFormatException($"body is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The message as OTLP/JSON (hex ids, enums as integers).</summary>
    public static string Format(IMessage message)
    {
        var node = JsonNode.Parse(Formatter.Format(message), NodeOptions, DocumentOptions)!;
        Base64ToHex(node);
        return node.ToJsonString();
    }

    // The protobuf parser reads JSON numbers through double, which rounds 64-bit nanosecond timestamps; OTLP/JSON
    // allows them unquoted, so integers too long for a double are passed on as strings (which the parser reads exactly).
    private static void QuoteLargeIntegers(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && IsLargeInteger(value))
                    {
                        obj[key] = value.ToJsonString();
                    }
                    else if (child is not null)
                    {
                        QuoteLargeIntegers(child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && IsLargeInteger(value))
                    {
                        array[i] = value.ToJsonString();
                    }
                    else if (array[i] is { } child)
                    {
                        QuoteLargeIntegers(child);
                    }
                }

                break;
        }
    }

    private static bool IsLargeInteger(JsonValue value)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var raw = value.ToJsonString();
        return raw.Length > 15 && raw.AsSpan().TrimStart('-').IndexOfAnyExcept(Digits) < 0;
    }

    private static void HexToBase64(JsonNode node) => Rewrite(node, value =>
    {
        if (value.Length == 0)
        {
            return value;
        }

        if (value.Length % 2 != 0 || value.Length > 64)
        {
            throw new OtlpFormatException($"id '{Shorten(value)}' is not hex: expected 32 hex digits for a trace id or 16 for a span id");
        }

        try
        {
            return Convert.ToBase64String(Convert.FromHexString(value));
        }
        catch (FormatException ex)
        {
            throw new OtlpFormatException($"id '{Shorten(value)}' is not hex: expected 32 hex digits for a trace id or 16 for a span id", ex);
        }
    });

    private static void Base64ToHex(JsonNode node) => Rewrite(node, value => Convert.ToHexStringLower(Convert.FromBase64String(value)));

    private static void Rewrite(JsonNode node, Func<string, string> convert)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (IdKeys.Contains(key) && child is JsonValue value)
                    {
                        if (value.GetValueKind() != JsonValueKind.String)
                        {
                            throw new OtlpFormatException($"'{key}' must be a hex string, got {value.GetValueKind()}");
                        }

                        obj[key] = convert(value.GetValue<string>());
                    }
                    else if (child is not null)
                    {
                        Rewrite(child, convert);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Rewrite(child, convert);
                    }
                }

                break;
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
