namespace TracingLab.LabConsole.Components.Common;

/// <summary>A stable color per service, so a service looks the same on every page.</summary>
public static class ServiceColors
{
    private static readonly string[] Palette = ["#0f6cbd", "#8764b8", "#038387", "#ca5010", "#4f6bed", "#c239b3", "#498205", "#986f0b"];

    public static string For(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var hash = 0;
        foreach (var c in service)
        {
            hash = unchecked((hash * 31) + c);
        }

        return Palette[(hash & int.MaxValue) % Palette.Length];
    }
}
