using System.Globalization;
using TracingLab.Contracts.Telemetry;
using TracingLab.Contracts.Text;

namespace TracingLab.LabConsole.Api;

/// <summary>Reads query parameters strictly: a bad value is a 400 naming the parameter, the value and what is allowed.</summary>
internal sealed class ApiQuery(HttpRequest request)
{
    private readonly List<string> _errors = [];

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

        _errors.Add($"{name}={Quoted.Value(text)} is not allowed; use an integer from {min} to {max}");
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

        _errors.Add($"{name}={Quoted.Value(text)} is not allowed; use a non-negative number of milliseconds");
        return null;
    }

    public DateTimeOffset? Time(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            return value;
        }

        _errors.Add($"{name}={Quoted.Value(text)} is not a date; use ISO 8601 such as 2026-11-22T10:00:00Z");
        return null;
    }

    /// <summary>A trace id from the route (<paramref name="text"/>).</summary>
    public XRayTraceId? TraceId(string name, string text)
    {
        if (XRayTraceId.TryParse(text, out var id))
        {
            return id;
        }

        _errors.Add($"{name}={Quoted.Value(text)} is not a trace id; use 32 hex digits or the X-Ray form 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx");
        return null;
    }

    public IResult? Problem() => _errors.Count == 0
        ? null
        : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: string.Join("; ", _errors));

    private string? String(string name) => request.Query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
}
