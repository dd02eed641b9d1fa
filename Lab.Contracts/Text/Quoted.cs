namespace TracingLab.Contracts.Text;

/// <summary>
/// A value as an error message quotes it: whole when short, otherwise its first <see cref="MaxChars"/> characters and
/// its length, so a 5,000-character id makes a readable message instead of a copy of itself.
/// </summary>
public static class Quoted
{
    /// <summary>The most characters of a value a message quotes.</summary>
    public const int MaxChars = 200;

    /// <summary><c>'abc'</c>; <c>'aaa…' (5000 characters)</c> when longer than <see cref="MaxChars"/>; <c>(none)</c> for null.</summary>
    public static string Value(string? value) => value switch
    {
        null => "(none)",
        { Length: <= MaxChars } => $"'{value}'",
        _ => $"'{value[..MaxChars]}…' ({value.Length} characters)",
    };

    /// <summary>The value cut as <see cref="Value"/> cuts it, without quotes, for a message that quotes it itself.</summary>
    public static string Bare(string value) =>
        value.Length <= MaxChars ? value : $"{value[..MaxChars]}… ({value.Length} characters)";
}
