namespace TracingLab.Dashboard.Resources;

/// <summary>Which environment values the UI and API hide: anything whose name suggests a key, token, secret or header set.</summary>
public static class SecretMask
{
    public const string Mask = "••••••••";

    private static readonly string[] Markers = ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PWD", "HEADERS", "CREDENTIAL", "CONNECTIONSTRING", "SIGNATURE", "COOKIE", "AUTH"];

    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var upper = name.ToUpperInvariant().Replace("_", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        return Markers.Any(m => upper.Contains(m, StringComparison.Ordinal));
    }

    public static string Display(string name, string value) => IsSecret(name) && value.Length > 0 ? Mask : value;
}
