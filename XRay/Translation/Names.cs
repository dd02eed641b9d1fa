using System.Text;

namespace TracingLab.XRay.Translation;

/// <summary>Segment names and annotation keys, cleaned to what X-Ray accepts.</summary>
public static class Names
{
    /// <summary>X-Ray's longest segment name.</summary>
    public const int MaxSegmentNameLength = 200;

    private const string AllowedSymbols = "_.:/%&#=+-@";

    /// <summary>
    /// Keeps Unicode letters, ASCII digits, spaces and <c>_ . : / % &amp; # = + - @</c> (the characters X-Ray's
    /// segment-document page allows and the exporter's pattern keeps), cuts to 200 characters, and falls back to
    /// <c>span</c> when nothing is left.
    /// </summary>
    public static string CleanSegmentName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsCleanName(name))
        {
            return name;
        }
        var sb = new StringBuilder(Math.Min(name.Length, MaxSegmentNameLength));
        foreach (var rune in name.EnumerateRunes())
        {
            if (!IsAllowed(rune))
            {
                continue;
            }
            if (sb.Length + rune.Utf16SequenceLength > MaxSegmentNameLength)
            {
                break;
            }
            sb.Append(rune.ToString());
        }
        return sb.Length == 0 ? "span" : sb.ToString();
    }

    /// <summary>
    /// Annotation keys keep ASCII letters and digits; every other character (one per Unicode scalar, as the exporter
    /// maps runes) becomes <c>_</c>, except <c>.</c> when <paramref name="keepDots"/> is set.
    /// </summary>
    public static string CleanAnnotationKey(string key, bool keepDots)
    {
        ArgumentNullException.ThrowIfNull(key);
        var clean = true;
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || (keepDots && c == '.')))
            {
                clean = false;
                break;
            }
        }
        if (clean)
        {
            return key;
        }
        var sb = new StringBuilder(key.Length);
        foreach (var rune in key.EnumerateRunes())
        {
            var ok = rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || (keepDots && rune.Value == '.'));
            sb.Append(ok ? (char)rune.Value : '_');
        }
        return sb.ToString();
    }

    private static bool IsCleanName(string name)
    {
        if (name.Length == 0 || name.Length > MaxSegmentNameLength)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == ' ' || AllowedSymbols.Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsAllowed(Rune rune) =>
        Rune.IsLetter(rune) || (rune.IsAscii && (char.IsAsciiDigit((char)rune.Value) || rune.Value == ' '
            || AllowedSymbols.Contains((char)rune.Value, StringComparison.Ordinal)));
}
