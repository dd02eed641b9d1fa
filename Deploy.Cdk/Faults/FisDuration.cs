using System.Globalization;
using System.Text;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// FIS durations: ISO 8601 strings, and at least one minute for every action the lab uses, aws:fis:wait included
/// (FIS actions reference, "duration – from one minute to 12 hours").
/// </summary>
public static class FisDuration
{
    /// <summary>The shortest duration FIS takes for the lab's actions.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(1);

    /// <summary>The longest.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(12);

    /// <summary><c>PT1M30S</c> for 90 seconds; whole seconds only.</summary>
    public static string Iso(TimeSpan value)
    {
        var text = new StringBuilder("PT");
        if (value.Hours + (value.Days * 24) > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}H");
        }

        if (value.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}M");
        }

        if (value.Seconds > 0 || text.Length == 2)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Seconds}S");
        }

        return text.ToString();
    }

    /// <summary>Whether FIS can run for <paramref name="value"/>: whole seconds, one minute to 12 hours.</summary>
    public static bool Fits(TimeSpan value) =>
        value >= Minimum && value <= Maximum && value.Ticks % TimeSpan.TicksPerSecond == 0;
}
