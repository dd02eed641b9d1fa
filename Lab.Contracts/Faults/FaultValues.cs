using System.Globalization;
using System.Text;

namespace TracingLab.Contracts.Faults;

/// <summary>The value grammar shared by the option text and experiment files: durations, percentages, sizes, rates.</summary>
internal static class FaultValues
{
    public const string DurationForm = "a number with ms, s, m or h, e.g. 200ms, 1.5s, 2m";
    public const string PercentForm = "a number with %, above 0 and at most 100, e.g. 5% or 0.5%";
    public const string BytesForm = "a whole number with B, KB, KiB, MB, MiB, GB or GiB, e.g. 64KiB";
    public const string RateForm = "a number with bit, Kbit, Mbit or Gbit (per second), e.g. 1Mbit";

    private const int ShownCharacters = 60;

    private static readonly (string Suffix, double Milliseconds)[] DurationUnits =
        [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)];

    private static readonly (string Suffix, long Bytes)[] ByteUnits =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ];

    private static readonly (string Suffix, double Bits)[] RateUnits =
        [("Kbit", 1e3), ("Mbit", 1e6), ("Gbit", 1e9), ("bit", 1)];

    /// <summary>A user's value for an error message: quoted, control characters escaped, long ones cut with their length.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var shown = value.Length > ShownCharacters ? value[..ShownCharacters] : value;
        var text = new StringBuilder(shown.Length + 24).Append('\'');
        foreach (var c in shown)
        {
            _ = char.IsControl(c) ? text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : text.Append(c);
        }

        return value.Length > ShownCharacters
            ? text.Append(CultureInfo.InvariantCulture, $"…' ({value.Length} characters)").ToString()
            : text.Append('\'').ToString();
    }

    public static TimeSpan? ParseDuration(string text)
    {
        foreach (var (suffix, milliseconds) in DurationUnits)
        {
            // "ms" is tried before "s" and "m"; "m" must not take the "m" of "ms".
            if (text.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(text[..^suffix.Length], out var number)
                && number * milliseconds <= TimeSpan.MaxValue.TotalMilliseconds)
            {
                return TimeSpan.FromMilliseconds(Math.Round(number * milliseconds, 3));
            }
        }

        return null;
    }

    public static double? ParsePercent(string text) =>
        text.EndsWith('%') && TryNumber(text[..^1], out var number) && number > 0 && number <= 100 ? number : null;

    public static long? ParseBytes(string text)
    {
        foreach (var (suffix, bytes) in ByteUnits)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(text[..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count <= long.MaxValue / bytes)
            {
                return count * bytes;
            }
        }

        return null;
    }

    public static long? ParseRate(string text)
    {
        foreach (var (suffix, bits) in RateUnits)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && TryNumber(text[..^suffix.Length], out var number)
                && number * bits < long.MaxValue)
            {
                return (long)Math.Round(number * bits);
            }
        }

        return null;
    }

    public static string FormatDuration(TimeSpan value) =>
        value == TimeSpan.Zero ? "0s"
            : value.TotalMilliseconds % 1_000 != 0 ? Number(value.TotalMilliseconds) + "ms"
            : value.TotalSeconds % 60 != 0 ? Number(value.TotalSeconds) + "s"
            : value.TotalMinutes % 60 != 0 ? Number(value.TotalMinutes) + "m"
            : Number(value.TotalHours) + "h";

    public static string FormatPercent(double value) => Number(value) + "%";

    public static string FormatBytes(long value) =>
        value % (1L << 30) == 0 ? Number(value >> 30) + "GiB"
        : value % (1L << 20) == 0 ? Number(value >> 20) + "MiB"
        : value % (1L << 10) == 0 ? Number(value >> 10) + "KiB"
        : Number(value) + "B";

    public static string FormatRate(long value) =>
        value % 1_000_000_000 == 0 ? Number(value / 1_000_000_000) + "Gbit"
        : value % 1_000_000 == 0 ? Number(value / 1_000_000) + "Mbit"
        : value % 1_000 == 0 ? Number(value / 1_000) + "Kbit"
        : Number(value) + "bit";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    // Plain decimals only: no sign, exponent, thousands separators or surrounding spaces.
    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
        && text.Length > 0 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[^1]);
}
