using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TracingLab.AppHost.Links;
using TracingLab.Contracts.Links;

namespace TracingLab.AppHost.Lab;

/// <summary>Parses the AppHost's flags. Every error names the flag, the value given and what is allowed.</summary>
public static class LabArguments
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: dotnet run --project AppHost [-- options]
          --links <list>         links enabled locally, comma-separated from tgw, peering, privatelink (default: all three)   [Lab:Links]
          --random-ports         every endpoint on a free ephemeral port (for tests and side-by-side labs)                  [Lab:RandomPorts=true]
          --restart-backoff <s>  first delay before restarting a crashed service, doubling per crash (default 1, 0.1 to 60) [Lab:RestartBackoff]
          --link-profiles <file> the links' latency profiles (JSON like AppHost/links.json, which holds the defaults)      [Lab:LinkProfiles]
          --link-delay <list>    added one-way delay per link in ms, e.g. tgw=1.2,privatelink=0.4 (0 to 10000)              [Lab:LinkDelay]
          --link-jitter <list>   uniform jitter per link in ms, e.g. tgw=0.3 (0 to 10000)                                   [Lab:LinkJitter]
        Each option can also be given as configuration (the key in brackets: appsettings.json, an environment variable such
        as Lab__Links, or Key=value on the command line); a flag wins over configuration. Aspire's own settings (for example
        ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true) are configuration too.
        """;

    // Configuration key → flag. A value from configuration is parsed as if given as the flag before the command line.
    private static readonly (string Key, string Flag)[] ConfigurationKeys =
    [
        ("Lab:Links", "--links"), ("Lab:RandomPorts", "--random-ports"), ("Lab:RestartBackoff", "--restart-backoff"),
        ("Lab:LinkProfiles", "--link-profiles"), ("Lab:LinkDelay", "--link-delay"), ("Lab:LinkJitter", "--link-jitter"),
    ];

    /// <summary>
    /// Reads the options from configuration (<c>Lab:*</c>) and then from <paramref name="args"/>, which win. Errors name
    /// the flag or the configuration key the bad value came from.
    /// </summary>
    public static bool TryRead(
        IReadOnlyList<string> args, IConfiguration configuration, [NotNullWhen(true)] out LabOptions? options, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        options = new LabOptions();
        foreach (var (key, flag) in ConfigurationKeys)
        {
            if (configuration[key] is not { } value)
            {
                continue;
            }

            if (flag == "--random-ports")
            {
                if (!bool.TryParse(value, out var random))
                {
                    error = $"{key} is '{value}'; allowed: true or false.";
                    options = null;
                    return false;
                }

                options = options with { RandomPorts = random };
                continue;
            }

            if (!TryParse([flag, value], out var parsed, out error, options))
            {
                error = error.Replace(flag, key, StringComparison.Ordinal);
                options = null;
                return false;
            }

            options = parsed;
        }

        return TryParse(args, out options, out error, options);
    }

    /// <summary>The profiles the links start with: <c>--link-profiles</c>, or the defaults next to the AppHost (links.json).</summary>
    public static bool TryLoadProfiles(LabOptions options, [NotNullWhen(true)] out LinkProfileSet? profiles, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        error = null;
        profiles = options.LinkProfiles;
        if (profiles is null && !LinkProfileSet.TryLoad(LinkProfileSet.DefaultPath, out profiles, out var why))
        {
            error = $"The default link profiles '{LinkProfileSet.DefaultPath}' {why}. Rebuild the AppHost or pass --link-profiles <file>.";
            return false;
        }

        return true;
    }

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says what was wrong.</summary>
    public static bool TryParse(
        IReadOnlyList<string> args, [NotNullWhen(true)] out LabOptions? options, [NotNullWhen(false)] out string? error, LabOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = defaults ?? new LabOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            switch (flag)
            {
                case "--random-ports" when inline is null:
                    options = options with { RandomPorts = true };
                    break;
                case "--links":
                    if (!TryValue(args, ref i, flag, inline, out var list, out error) || !TryParseLinks(list, out var links, out error))
                    {
                        return Fail(out options);
                    }

                    options = options with { Links = links };
                    break;
                case "--restart-backoff":
                    if (!TryValue(args, ref i, flag, inline, out var seconds, out error))
                    {
                        return Fail(out options);
                    }

                    if (!double.TryParse(seconds, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var delay)
                        || delay is < 0.1 or > 60)
                    {
                        error = $"--restart-backoff is '{seconds}'; allowed: seconds from 0.1 to 60, such as 1 or 2.5.";
                        return Fail(out options);
                    }

                    options = options with { RestartBackoff = TimeSpan.FromSeconds(delay) };
                    break;
                case "--link-profiles":
                    if (!TryValue(args, ref i, flag, inline, out var file, out error))
                    {
                        return Fail(out options);
                    }

                    if (!LinkProfileSet.TryLoad(file, out var profiles, out var why))
                    {
                        error = $"--link-profiles is '{file}', which {why}. Allowed: a JSON file shaped like AppHost/links.json.";
                        return Fail(out options);
                    }

                    options = options with { LinkProfiles = profiles };
                    break;
                case "--link-delay" or "--link-jitter":
                    if (!TryValue(args, ref i, flag, inline, out var pairs, out error) || !TryParseLinkMs(flag, pairs, out var values, out error))
                    {
                        return Fail(out options);
                    }

                    options = flag == "--link-delay" ? options with { LinkDelays = values } : options with { LinkJitters = values };
                    break;
                case "--help" or "-h":
                    error = Usage;
                    return Fail(out options);
                default:
                    if (IsConfigurationArgument(args[i]))
                    {
                        // Key:Sub=value is configuration for Aspire (DcpPublisher:..., Lab:...), read by the builder.
                        break;
                    }

                    error = inline is not null && flag is "--random-ports"
                        ? $"{flag} takes no value; '{inline}' was given.\n{Usage}"
                        : $"Unknown argument '{args[i]}'. Allowed: --links <list>, --random-ports, --restart-backoff <seconds>, --link-profiles <file>, --link-delay <list>, --link-jitter <list>, or configuration as Key=value (Lab:RandomPorts=true).\n{Usage}";
                    return Fail(out options);
            }
        }

        return true;
    }

    private static bool TryParseLinks(string list, out IReadOnlyList<string> links, [NotNullWhen(false)] out string? error)
    {
        var parts = list.Split(',', StringSplitOptions.TrimEntries);
        links = parts;
        error = null;
        foreach (var part in parts)
        {
            if (!LinkNames.All.Contains(part, StringComparer.Ordinal))
            {
                error = $"--links has '{part}' (in '{list}'); allowed links: tgw, peering, privatelink, comma-separated.";
                return false;
            }
        }

        if (parts.Distinct(StringComparer.Ordinal).Count() != parts.Length)
        {
            error = $"--links is '{list}', which names a link twice; name each of tgw, peering, privatelink at most once.";
            return false;
        }

        return true;
    }

    // "tgw=1.2,privatelink=0.4": milliseconds per link.
    private static bool TryParseLinkMs(
        string flag, string list, out IReadOnlyDictionary<string, double> values, [NotNullWhen(false)] out string? error)
    {
        var parsed = new Dictionary<string, double>(StringComparer.Ordinal);
        values = parsed;
        error = null;
        foreach (var pair in list.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !LinkNames.All.Contains(parts[0], StringComparer.Ordinal)
                || !LinkProfileSet.TryParseMs(parts[1], out var ms)
                || !parsed.TryAdd(parts[0], ms))
            {
                error = $"{flag} has '{pair}' (in '{list}'); allowed: link=milliseconds pairs, comma-separated, each link once, " +
                    "links from tgw, peering, privatelink and 0 to 10000 ms, such as tgw=1.2,privatelink=0.4.";
                return false;
            }
        }

        return true;
    }

    private static bool TryValue(
        IReadOnlyList<string> args, ref int i, string flag, string? inline, out string value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (inline is not null)
        {
            value = inline;
        }
        else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            value = args[++i];
        }
        else
        {
            value = "";
            error = flag switch
            {
                "--links" => "--links needs a value; allowed: a comma-separated list of tgw, peering, privatelink.",
                "--restart-backoff" => "--restart-backoff needs a value; allowed: seconds from 0.1 to 60.",
                "--link-profiles" => "--link-profiles needs a value; allowed: a JSON file shaped like AppHost/links.json.",
                "--link-delay" or "--link-jitter" => $"{flag} needs a value; allowed: link=milliseconds pairs such as tgw=1.2,privatelink=0.4.",
                _ => $"{flag} needs a value.",
            };
            return false;
        }

        if (value.Length == 0)
        {
            error = $"{flag} is empty; a value is required (see --help).";
            return false;
        }

        return true;
    }

    // Aspire and .NET read Key=value, Key:Sub=value and --Key:Sub=value arguments as configuration.
    private static bool IsConfigurationArgument(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return false;
        }

        var key = arg[..eq];
        return !key.StartsWith('-') || key.Contains(':', StringComparison.Ordinal);
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static bool Fail(out LabOptions? options)
    {
        options = null;
        return false;
    }
}
