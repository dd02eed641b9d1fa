using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TracingLab.AppHost.Links;
using TracingLab.LinkCompare.Model;

namespace TracingLab.AppHost.Hosting;

/// <summary>Parses the AppHost's flags. Every error names the flag, the value given and what is allowed.</summary>
public static class LabArguments
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: dotnet run --project AppHost [-- options]
          --links <list>         links enabled locally, comma-separated from tgw, peering, privatelink (default: all three)
          --random-ports         every endpoint on a free ephemeral port (for tests and side-by-side labs)
          --allow-anonymous      the dashboard UI and telemetry API need no token or key
          --otlp-endpoint <url>  send the services' telemetry to this OTLP/gRPC endpoint instead of the dashboard
          --restart-backoff <s>  first delay before restarting a crashed service, doubling per crash (default 1, 0.1 to 60)
          --link-profiles <file> the links' latency profiles (JSON like AppHost/links.json, which holds the defaults)
          --link-delay <list>    added one-way delay per link in ms, e.g. tgw=1.2,privatelink=0.4 (0 to 10000)
          --link-jitter <list>   uniform jitter per link in ms, e.g. tgw=0.3 (0 to 10000)
        """;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says what was wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out LabOptions? options, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new LabOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            switch (flag)
            {
                case "--random-ports" when inline is null:
                    options = options with { RandomPorts = true };
                    break;
                case "--allow-anonymous" when inline is null:
                    options = options with { AllowAnonymous = true };
                    break;
                case "--links":
                    if (!TryValue(args, ref i, flag, inline, out var list, out error) || !TryParseLinks(list, out var links, out error))
                    {
                        return Fail(out options);
                    }

                    options = options with { Links = links };
                    break;
                case "--otlp-endpoint":
                    if (!TryValue(args, ref i, flag, inline, out var url, out error))
                    {
                        return Fail(out options);
                    }

                    if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                    {
                        error = $"--otlp-endpoint is '{url}'; allowed: an absolute http:// or https:// URL such as http://127.0.0.1:4317.";
                        return Fail(out options);
                    }

                    options = options with { OtlpEndpoint = endpoint };
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
                    error = inline is not null && flag is "--random-ports" or "--allow-anonymous"
                        ? $"{flag} takes no value; '{inline}' was given.\n{Usage}"
                        : $"Unknown argument '{args[i]}'. Allowed: --links <list>, --random-ports, --allow-anonymous, --otlp-endpoint <url>, --restart-backoff <seconds>, --link-profiles <file>, --link-delay <list>, --link-jitter <list>.\n{Usage}";
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
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || !LinkProfileSet.InRange(ms)
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
                _ => "--otlp-endpoint needs a value; allowed: an absolute http:// or https:// URL.",
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
