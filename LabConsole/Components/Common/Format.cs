using System.Globalization;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.LabConsole.Components.Common;

/// <summary>Display formatting shared by the pages.</summary>
public static class Format
{
    public static string Duration(double ms) => ms switch
    {
        < 1 => ms.ToString("0.###", CultureInfo.InvariantCulture) + " ms",
        < 1000 => ms.ToString("0.##", CultureInfo.InvariantCulture) + " ms",
        _ => (ms / 1000).ToString("0.##", CultureInfo.InvariantCulture) + " s",
    };

    public static string Time(ulong unixNano) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(unixNano / 1_000_000)).ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string ShortId(XRayTraceId id) => id.ToHex()[..12];
}
