using System.Globalization;
using TracingLab.Otlp.Common.V1;

namespace TracingLab.Otlp;

/// <summary>An attribute value as display text: strings as they are, scalars invariant, anything else empty.</summary>
public static class AnyValueText
{
    /// <summary>The text of <paramref name="value"/>.</summary>
    public static string Of(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        _ => string.Empty,
    };
}
