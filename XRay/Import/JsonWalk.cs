using System.Globalization;
using System.Text.Json;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.XRay.Import;

/// <summary>Thrown inside the parsers only, caught at their entry points and turned into an <see cref="XRayImportError"/>.</summary>
internal sealed class ImportFailure(XRayImportError error) : Exception(error.Message)
{
    public XRayImportError Error { get; } = error;
}

/// <summary>Typed reads of a <see cref="JsonElement"/> that know their JSON path and fail with it.</summary>
internal static class JsonWalk
{
    /// <summary>The X-Ray trace id shape <c>1-{8 hex}-{24 hex}</c>, as a validator of <see cref="RequiredString"/>.</summary>
    public static bool IsXRayTraceId(string value) => XRayTraceId.IsXRayForm(value);

    public static string Child(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? path + "." + name
            : path + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static ImportFailure Fail(string path, string expected, JsonElement? found) =>
        new(new XRayImportError(path, expected, Describe(found)));

    public static void RequireObject(JsonElement e, string path, string expected = "an object")
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, expected, e);
        }
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string RequiredString(JsonElement obj, string name, string path, Func<string, bool>? valid = null, string expected = "a string")
    {
        var p = Child(path, name);
        if (!obj.TryGetProperty(name, out var v))
        {
            throw Fail(p, expected, null);
        }
        if (v.ValueKind != JsonValueKind.String || (valid is not null && !valid(v.GetString()!)))
        {
            throw Fail(p, expected, v);
        }
        return v.GetString()!;
    }

    public static string? OptionalString(JsonElement obj, string name, string path, Func<string, bool>? valid = null, string expected = "a string")
    {
        if (Optional(obj, name) is not { } v)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || (valid is not null && !valid(v.GetString()!)))
        {
            throw Fail(Child(path, name), expected, v);
        }
        return v.GetString();
    }

    public static double RequiredNumber(JsonElement obj, string name, string path, string expected = "a number")
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            throw Fail(Child(path, name), expected, null);
        }
        return Number(v, Child(path, name), expected);
    }

    public static double? OptionalNumber(JsonElement obj, string name, string path, string expected = "a number") =>
        Optional(obj, name) is { } v ? Number(v, Child(path, name), expected) : null;

    public static bool OptionalBool(JsonElement obj, string name, string path)
    {
        if (Optional(obj, name) is not { } v)
        {
            return false;
        }
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(Child(path, name), "true or false", v),
        };
    }

    public static JsonElement RequiredArray(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            throw Fail(Child(path, name), "an array", obj.TryGetProperty(name, out var found) ? found : null);
        }
        return v;
    }

    public static JsonElement? OptionalArray(JsonElement obj, string name, string path)
    {
        if (Optional(obj, name) is not { } v)
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.Array ? v : throw Fail(Child(path, name), "an array", v);
    }

    public static JsonElement? OptionalObject(JsonElement obj, string name, string path)
    {
        if (Optional(obj, name) is not { } v)
        {
            return null;
        }
        return v.ValueKind == JsonValueKind.Object ? v : throw Fail(Child(path, name), "an object", v);
    }

    private static double Number(JsonElement v, string path, string expected) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw Fail(path, expected, v);

    public static string Describe(JsonElement? found)
    {
        if (found is not { } e)
        {
            return "nothing (the field is missing)";
        }
        var raw = e.ValueKind == JsonValueKind.Undefined ? "" : e.GetRawText();
        if (raw.Length > 60)
        {
            raw = raw[..57] + "...";
        }
        var kind = e.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };
        return $"{kind} {raw}";
    }
}
