using System.Globalization;
using TracingLab.Otlp.Common.V1;

namespace TracingLab.Dashboard.Store;

/// <summary>Converts OTLP AnyValue/KeyValue to the compact <see cref="Attr"/> form and back.</summary>
internal static class OtlpValues
{
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly object[] SmallLongs = Enumerable.Range(0, 1024).Select(i => (object)(long)i).ToArray();

    public static object Box(bool value) => value ? True : False;

    public static object Box(long value) => value is >= 0 and < 1024 ? SmallLongs[value] : value;

    public static Attr[] ToAttrs(Google.Protobuf.Collections.RepeatedField<KeyValue> source, Interner interner)
    {
        if (source.Count == 0)
        {
            return [];
        }

        var attrs = new Attr[source.Count];
        for (var i = 0; i < attrs.Length; i++)
        {
            var kv = source[i];
            attrs[i] = new Attr(interner.Intern(kv.Key), ToObject(kv.Value, interner));
        }

        return attrs;
    }

    public static object ToObject(AnyValue? value, Interner interner) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => interner.Intern(value.StringValue),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? True : False,
        AnyValue.ValueOneofCase.IntValue => value.IntValue is >= 0 and < 1024 ? SmallLongs[value.IntValue] : value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        null or AnyValue.ValueOneofCase.None => string.Empty,
        _ => value,
    };

    public static AnyValue ToAnyValue(object value) => value switch
    {
        string s => new AnyValue { StringValue = s },
        bool b => new AnyValue { BoolValue = b },
        long l => new AnyValue { IntValue = l },
        double d => new AnyValue { DoubleValue = d },
        AnyValue any => any,
        _ => new AnyValue { StringValue = value.ToString() ?? string.Empty },
    };

    public static void AddTo(Google.Protobuf.Collections.RepeatedField<KeyValue> target, Attr[] attrs)
    {
        foreach (var attr in attrs)
        {
            target.Add(new KeyValue { Key = attr.Key, Value = ToAnyValue(attr.Value) });
        }
    }

    public static string Display(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Display)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => kv.Key + ": " + Display(kv.Value))) + "}",
        _ => string.Empty,
    };

    public static string? Find(Attr[] attrs, string key)
    {
        foreach (var attr in attrs)
        {
            if (string.Equals(attr.Key, key, StringComparison.Ordinal))
            {
                return attr.DisplayValue;
            }
        }

        return null;
    }
}
