using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TracingLab.AppHost.Links;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.Links;
using TracingLab.Contracts.Text;

namespace TracingLab.AppHost.Lab;

/// <summary>
/// The AppHost's options: flags mapped onto <c>Lab:*</c> configuration keys through <c>AddCommandLine</c>, checked by
/// <see cref="LabSettingsValidator"/>. Every error names the flag or key, the value given and what is allowed.
/// </summary>
public static class LabArguments
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: dotnet run --project AppHost [-- options]
          --links <list>         links enabled locally, comma-separated from tgw, peering, privatelink, lattice (default: all) [Lab:Links]
          --random-ports         every endpoint on a free ephemeral port (for tests and side-by-side labs)                  [Lab:RandomPorts=true]
          --restart-backoff <s>  first delay before restarting a crashed service, doubling per crash (default 1, 0.1 to 60) [Lab:RestartBackoff]
          --link-profiles <file> the links' latency profiles (JSON like AppHost/links.json, which holds the defaults)      [Lab:LinkProfiles]
          --link-delay <list>    added one-way delay per link in ms, e.g. tgw=1.2,privatelink=0.4 (0 to 10000)              [Lab:LinkDelay]
          --link-jitter <list>   uniform jitter per link in ms, e.g. tgw=0.3 (0 to 10000)                                   [Lab:LinkJitter]
          --link-faults <list>   faults from the start, e.g. tgw=blackhole,peering=latency:200ms,privatelink=loss:5%        [Lab:LinkFaults]
                                 (kinds, parameters and directions: docs/faults-grammar.md)
          --experiment <file>    a timeline of faults (JSON, docs/experiment.schema.json), run once the lab is ready        [Lab:Experiment]
        Each option can also be given as configuration (the key in brackets: appsettings.json, an environment variable such
        as Lab__Links, or Key=value on the command line); a flag wins over configuration. Aspire's own settings (for example
        ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true) are configuration too.
        """;

    /// <summary>
    /// Every option, in one place: its flag, its configuration key, what a missing value is told, and how its value is
    /// read into <see cref="LabOptions"/> (a problem says what is allowed; the flag or key is put in front of it).
    /// Adding an option is one row here and its property on <see cref="LabOptions"/> (and a line in <see cref="Usage"/>).
    /// </summary>
    internal static readonly LabOption[] Options =
    [
        new("--links", "Lab:Links", "a comma-separated list of tgw, peering, privatelink, lattice", (o, v) => TryParseLinks(v, out var links, out var e) ? (o with { Links = links }, null) : (null, e)),
        new("--random-ports", "Lab:RandomPorts", null, (o, v) => bool.TryParse(v, out var random) ? (o with { RandomPorts = random }, null) : (null, $"is {Quoted.Value(v)}; allowed: true or false.")),
        new("--restart-backoff", "Lab:RestartBackoff", "seconds from 0.1 to 60", (o, v) =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var delay) && delay is >= 0.1 and <= 60
                ? (o with { RestartBackoff = TimeSpan.FromSeconds(delay) }, null)
                : (null, $"is {Quoted.Value(v)}; allowed: seconds from 0.1 to 60, such as 1 or 2.5.")),
        new("--link-profiles", "Lab:LinkProfiles", "a JSON file shaped like AppHost/links.json", (o, v) =>
            LinkProfileSet.TryLoad(UserPath(v), out var profiles, out var why)
                ? (o with { LinkProfiles = profiles }, null)
                : (null, $"is {Quoted.Value(v)}, which {why}. Allowed: a JSON file shaped like AppHost/links.json.")),
        new("--link-delay", "Lab:LinkDelay", "link=milliseconds pairs such as tgw=1.2,privatelink=0.4", (o, v) => TryParseLinkMs(v, out var ms, out var e) ? (o with { LinkDelays = ms }, null) : (null, e)),
        new("--link-jitter", "Lab:LinkJitter", "link=milliseconds pairs such as tgw=1.2,privatelink=0.4", (o, v) => TryParseLinkMs(v, out var ms, out var e) ? (o with { LinkJitters = ms }, null) : (null, e)),
        new(LinkFaults.OptionName, LinkFaults.ConfigurationKey, FaultsAllowed, (o, v) =>
            LinkFaults.TryParse(v, out var faults, out var errors)
                ? (o with { LinkFaults = faults }, null)
                : (null, $"is {Quoted.Value(v)}: {Problems(errors)}. Allowed: {FaultsAllowed}.")),
        new(ExperimentOption, ExperimentKey, ExperimentAllowed, (o, v) =>
            Experiment.TryLoad(UserPath(v), out var experiment, out var errors)
                ? (o with { Experiment = experiment }, null)
                : (null, $"is {Quoted.Value(v)}: {Problems(errors)}. Allowed: {ExperimentAllowed}.")),
    ];

    /// <summary>The flag of an experiment file.</summary>
    public const string ExperimentOption = "--experiment";

    /// <summary>The configuration key of an experiment file.</summary>
    public const string ExperimentKey = "Lab:Experiment";

    private const string FaultsAllowed =
        "link=kind[:parameters][@direction], comma-separated, such as tgw=blackhole,peering=latency:200ms,privatelink=loss:5% (docs/faults-grammar.md)";

    private const string ExperimentAllowed =
        "the path of a JSON experiment file as docs/experiment.schema.json describes, such as docs/experiments/tgw-blackhole.json";

    /// <summary>
    /// Reads the options from configuration (<c>Lab:*</c>) and then from <paramref name="args"/>, which win: the flags are
    /// switch mappings of <c>AddCommandLine</c> onto the same keys. Errors name the flag or the configuration key the bad
    /// value came from, the value and what is allowed; every bad value is reported at once.
    /// </summary>
    public static bool TryRead(
        IReadOnlyList<string> args, IConfiguration configuration, [NotNullWhen(true)] out LabOptions? options, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        options = null;
        if (!TryNormalize(args, out var normalized, out var given, out error))
        {
            return false;
        }

        IConfiguration merged;
        try
        {
            merged = new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddCommandLine([.. normalized], Options.ToDictionary(o => o.Flag, o => o.Key, StringComparer.Ordinal))
                .Build();
        }
        catch (FormatException e)
        {
            error = $"{e.Message} Allowed: the flags in --help, or configuration as Key=value (Lab:RandomPorts=true).";
            return false;
        }

        var settings = new LabSettings(Options.Where(o => merged[o.Key] is not null).ToDictionary(o => o.Key, o => merged[o.Key]!, StringComparer.Ordinal), given);
        var result = new LabSettingsValidator().Validate(null, settings);
        if (result.Failed)
        {
            error = string.Join(Environment.NewLine, result.Failures);
            return false;
        }

        options = settings.ToOptions();
        return true;
    }

    /// <summary>Parses <paramref name="args"/> alone (no configuration); on failure <paramref name="error"/> says what was wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out LabOptions? options, [NotNullWhen(false)] out string? error) =>
        TryRead(args, new ConfigurationBuilder().Build(), out options, out error);

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

    private static bool TryParseLinks(string list, out IReadOnlyList<string> links, [NotNullWhen(false)] out string? error)
    {
        var parts = list.Split(',', StringSplitOptions.TrimEntries);
        links = parts;
        error = null;
        foreach (var part in parts)
        {
            if (!LinkNames.All.Contains(part, StringComparer.Ordinal))
            {
                error = $"has {Quoted.Value(part)} (in {Quoted.Value(list)}); allowed links: {LinkNames.Allowed}, comma-separated.";
                return false;
            }
        }

        if (parts.Distinct(StringComparer.Ordinal).Count() != parts.Length)
        {
            error = $"is {Quoted.Value(list)}, which names a link twice; name each of {LinkNames.Allowed} at most once.";
            return false;
        }

        return true;
    }

    // "tgw=1.2,privatelink=0.4": milliseconds per link.
    private static bool TryParseLinkMs(
        string list, out IReadOnlyDictionary<string, double> values, [NotNullWhen(false)] out string? error)
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
                error = $"has {Quoted.Value(pair)} (in {Quoted.Value(list)}); allowed: link=milliseconds pairs, comma-separated, each link once, " +
                    $"links from {LinkNames.Allowed} and 0 to 10000 ms, such as tgw=1.2,privatelink=0.4.";
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Checks the flags before <c>AddCommandLine</c> reads them (it would skip a flag without a value, and a bare switch
    /// has none): a bare <c>--random-ports</c> becomes <c>--random-ports=true</c>; an unknown flag, a missing or empty
    /// value and a value on a switch are errors. <paramref name="given"/> holds the keys given as flags.
    /// </summary>
    private static bool TryNormalize(
        IReadOnlyList<string> args, out List<string> normalized, out HashSet<string> given, [NotNullWhen(false)] out string? error)
    {
        normalized = [];
        given = new HashSet<string>(StringComparer.Ordinal);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var (flag, inline) = arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            var option = Options.FirstOrDefault(o => o.Flag == flag);
            if (flag is "--help" or "-h")
            {
                error = Usage;
                return false;
            }

            if (option is null)
            {
                if (IsConfigurationArgument(arg))
                {
                    // Key:Sub=value is configuration for Aspire (DcpPublisher:..., Lab:...), read by the builder.
                    normalized.Add(arg);
                    continue;
                }

                error = $"Unknown argument {Quoted.Value(arg)}. Allowed: --links <list>, --random-ports, --restart-backoff <seconds>, --link-profiles <file>, --link-delay <list>, --link-jitter <list>, --link-faults <list>, --experiment <file>, or configuration as Key=value (Lab:RandomPorts=true).\n{Usage}";
                return false;
            }

            given.Add(option.Key);
            if (option.NeedsValue is null)
            {
                if (inline is not null)
                {
                    error = $"{flag} takes no value; {Quoted.Value(inline)} was given.\n{Usage}";
                    return false;
                }

                normalized.Add($"{flag}=true");
                continue;
            }

            var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (value is null)
            {
                error = $"{flag} needs a value; allowed: {option.NeedsValue}.";
                return false;
            }

            if (value.Length == 0)
            {
                error = $"{flag} is empty; a value is required (see --help).";
                return false;
            }

            normalized.Add($"{flag}={value}");
        }

        return true;
    }

    /// <summary>
    /// A file named on the command line as the person meant it: <c>dotnet run --project AppHost</c> runs the AppHost in
    /// its project folder, so a relative path is taken from the folder the command was typed in (the shell's
    /// <c>PWD</c>, which <c>dotnet run</c> passes on), as <c>docs/experiments/mixed.json</c> from the repository root.
    /// </summary>
    internal static string UserPath(string path, string? invokedFrom = null)
    {
        invokedFrom ??= Environment.GetEnvironmentVariable("PWD");
        return Path.IsPathRooted(path) || string.IsNullOrEmpty(invokedFrom) || !Path.IsPathRooted(invokedFrom)
            ? path
            : Path.Combine(invokedFrom, path);
    }

    // A bad fault text or file can hold many problems: the first few make the message, with a count of the rest.
    private static string Problems(IReadOnlyList<string> errors)
    {
        const int Shown = 5;
        var shown = string.Join("; ", errors.Take(Shown).Select(e => e.TrimEnd('.', ' ')));
        return errors.Count <= Shown ? shown : $"{shown}; and {errors.Count - Shown} more problem(s)";
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
}
