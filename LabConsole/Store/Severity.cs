namespace TracingLab.Dashboard.Store;

/// <summary>OTLP severity numbers and the .NET level names the UI and API use.</summary>
public static class Severity
{
    public static readonly IReadOnlyList<string> Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    public static string Name(byte number, string? text) => number switch
    {
        0 => string.IsNullOrEmpty(text) ? "Unspecified" : text,
        <= 4 => "Trace",
        <= 8 => "Debug",
        <= 12 => "Information",
        <= 16 => "Warning",
        <= 20 => "Error",
        _ => "Critical",
    };

    /// <summary>The lowest severity number of a level name, or null when the name is unknown.</summary>
    public static byte? MinNumber(string level) => level.ToUpperInvariant() switch
    {
        "TRACE" => 1,
        "DEBUG" => 5,
        "INFORMATION" or "INFO" => 9,
        "WARNING" or "WARN" => 13,
        "ERROR" => 17,
        "CRITICAL" or "FATAL" => 21,
        _ => null,
    };
}
