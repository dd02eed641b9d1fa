using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using TracingLab.Otlp.Common.V1;

namespace TracingLab.XRay.Translation;

/// <summary>Writes OTLP values as plain JSON (the exporter's <c>AsRaw</c>): arrays as arrays, key-value lists as
/// objects, bytes as base64.</summary>
internal static class AnyValueJson
{
    public static bool IsScalar([NotNullWhen(true)] AnyValue? value) => value?.ValueCase is AnyValue.ValueOneofCase.StringValue
        or AnyValue.ValueOneofCase.IntValue or AnyValue.ValueOneofCase.DoubleValue or AnyValue.ValueOneofCase.BoolValue;

    public static bool IsEmpty([NotNullWhen(false)] AnyValue? value) => value is null || value.ValueCase == AnyValue.ValueOneofCase.None;

    public static void Write(Utf8JsonWriter writer, AnyValue? value, int depth = 0)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: writer.WriteStringValue(value.StringValue); break;
            case AnyValue.ValueOneofCase.IntValue: writer.WriteNumberValue(value.IntValue); break;
            case AnyValue.ValueOneofCase.DoubleValue: WriteDouble(writer, value.DoubleValue); break;
            case AnyValue.ValueOneofCase.BoolValue: writer.WriteBooleanValue(value.BoolValue); break;
            case AnyValue.ValueOneofCase.BytesValue: writer.WriteBase64StringValue(value.BytesValue.Span); break;
            case AnyValue.ValueOneofCase.ArrayValue when depth < 32:
                writer.WriteStartArray();
                foreach (var item in value.ArrayValue.Values)
                {
                    Write(writer, item, depth + 1);
                }
                writer.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue when depth < 32:
                writer.WriteStartObject();
                foreach (var kv in value.KvlistValue.Values)
                {
                    writer.WritePropertyName(kv.Key);
                    Write(writer, kv.Value, depth + 1);
                }
                writer.WriteEndObject();
                break;
            default: writer.WriteNullValue(); break;
        }
    }

    /// <summary>JSON has no NaN or infinity; they are written as strings so nothing is lost and nothing throws.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A cheap upper estimate of the JSON size, used to pick what to trim first.</summary>
    public static int EstimateBytes(AnyValue? value, int depth = 0) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => (value.StringValue.Length * 3) + 2,
        AnyValue.ValueOneofCase.BytesValue => ((value.BytesValue.Length + 2) / 3 * 4) + 2,
        AnyValue.ValueOneofCase.ArrayValue when depth < 32 => 2 + value.ArrayValue.Values.Sum(v => EstimateBytes(v, depth + 1) + 1),
        AnyValue.ValueOneofCase.KvlistValue when depth < 32 => 2 + value.KvlistValue.Values.Sum(kv => kv.Key.Length + 4 + EstimateBytes(kv.Value, depth + 1)),
        _ => 24,
    };
}
