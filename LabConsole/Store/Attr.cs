namespace TracingLab.Dashboard.Store;

/// <summary>
/// One attribute: an interned key and a value that is a string, a boxed long/double/bool, or, rarely, the original
/// AnyValue (arrays, maps, bytes). 16 bytes per attribute plus the value.
/// </summary>
public readonly record struct Attr(string Key, object Value)
{
    public string DisplayValue => Value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TracingLab.Otlp.Common.V1.AnyValue any => OtlpValues.Display(any),
        _ => Value.ToString() ?? string.Empty,
    };
}
