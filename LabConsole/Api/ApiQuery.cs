using System.Globalization;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Api;

/// <summary>Reads query parameters strictly: a bad value is a 400 naming the parameter, the value and what is allowed.</summary>
internal sealed class ApiQuery(HttpRequest request)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public string? String(string name) => request.Query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;

    public bool? Bool(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _errors.Add($"{name}='{text}' is not allowed; use true or false");
        return null;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _errors.Add($"{name}='{text}' is not allowed; use an integer from {min} to {max}");
        return fallback;
    }

    public double? Double(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        _errors.Add($"{name}='{text}' is not allowed; use a non-negative number of milliseconds");
        return null;
    }

    public TraceId? TraceId(string name, string? text = null)
    {
        text ??= String(name);
        if (text is null)
        {
            return null;
        }

        if (Store.TraceId.TryParse(text, out var id))
        {
            return id;
        }

        _errors.Add($"{name}='{text}' is not a trace id; use 32 hex digits or the X-Ray form 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx");
        return null;
    }

    public byte? Severity(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        var min = Store.Severity.MinNumber(text);
        if (min is null)
        {
            _errors.Add($"{name}='{text}' is not allowed; use one of {string.Join(", ", Store.Severity.Levels)}");
        }

        return min;
    }

    public IResult? Problem() => _errors.Count == 0
        ? null
        : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: string.Join("; ", _errors));
}
