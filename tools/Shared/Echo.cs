namespace TracingLab.Tools;

/// <summary>A value given on the command line, as an error message repeats it: quoted, and cut to a readable length.</summary>
internal static class Echo
{
    /// <summary>The longest part of a value an error message repeats; a pasted file should not flood the terminal.</summary>
    public const int MaxChars = 200;

    /// <summary><c>'value'</c>, or <c>'first 200 characters…' (5000 characters)</c>.</summary>
    public static string Quoted(string value) =>
        value.Length <= MaxChars ? $"'{value}'" : $"'{value[..MaxChars]}…' ({value.Length} characters)";

    /// <summary>The value unquoted (a number that parsed), cut the same way.</summary>
    public static string Plain(string value) =>
        value.Length <= MaxChars ? value : $"{value[..MaxChars]}… ({value.Length} characters)";
}
