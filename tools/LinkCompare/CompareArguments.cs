using System.Globalization;
using TracingLab.Contracts.Links;
using TracingLab.LinkCompare.Load;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tool;

/// <summary>Parses and validates the command line; every problem names the flag, the value and what is allowed.</summary>
internal static class CompareArguments
{
    /// <summary>
    /// Measured seconds when --duration is not given. 60 s: the A→B hop (which carries B→C) needs about 3,000 samples per
    /// link for a Transit Gateway's ~0.2 ms over peering to clear the run's noise on a 2-core machine; 20 s resolved it in
    /// one run of two (docs/benchmarks.md, issue 15).
    /// </summary>
    public const double DefaultDurationSeconds = 60;

    public const string ApiKeyVariable = "TRACINGLAB_API_KEY";

    private static readonly IReadOnlyList<string> KnownLinks = LinkNames.All;

    private static readonly string[] ValueFlags =
        ["--target", "--dashboard", "--console", "--api-key", "--links", "--rate", "--duration", "--warmup", "--timeout", "--out", "--prices", "--azs", "--trace-wait", "--trace-sample", "--spin", "--floor", "--resamples", "--confidence", "--seed"];

    private static readonly string[] SwitchFlags = ["--self-bench", "--help", "-h"];

    public const string Usage = """
        Link compare: identical open-loop traffic over every chosen link, then a Markdown + SVG report.

        dotnet run --project tools/LinkCompare -c Release -- --target <service A url> [options]

          --target <url>          service A's base URL (local lab: http://127.0.0.1:5101)          required
          --dashboard <url|none>  the Aspire dashboard (traces, W3C ids), none for a deployed stack  default http://127.0.0.1:18888
          --console <url|none>    the lab console (relays, flows; the run is posted there), or none default http://127.0.0.1:18880
          --api-key <key>         the Aspire dashboard's API key (x-api-key), sent to both     default env TRACINGLAB_API_KEY
          --links <list>          comma-separated: tgw,peering,privatelink                      default all three
          --rate <n>              requests per second per link, > 0 and <= 5000               default 50
          --duration <s>          measured seconds, > 0 and <= 3600                            default 60
          --warmup <s|auto>       unrecorded warm-up first: seconds (0 to 600), or auto: 1 s slices
                                  until the median latency settles, 3 to 60 s             default auto
          --timeout <s>           per-request timeout, > 0 and <= 120                          default 10
          --out <dir>             report folder                            default artifacts/link-compare/<yyyyMMdd-HHmmss>
          --prices <file>         price file                        default the repo's LinkCompare/Prices/aws-links-us-east-1.json
          --azs <2|3>             Availability Zones of the deployed stack, for the cost table   default 2
          --trace-wait <s>        wait for traces to land in the Aspire dashboard, 0 to 60     default 3
          --trace-sample <n>      traces fetched per link for the per-hop breakdown, 0 to 1000  default 200
          --spin <ms>             spin this long before each tick instead of sleeping, 0 to 5   default 1
          --floor <on|off>        also call a bare local responder at the same rate (the run's floor)  default on
          --resamples <n>         bootstrap resamples per interval, 100 to 100000               default 2000
          --confidence <c>        the intervals' confidence level, 0.5 to 0.999                 default 0.95
          --seed <n>              the bootstrap's seed, 0 to 2147483647 (recorded in run.json)  default 15
          --self-bench            measure the generator itself against a local responder (no --target)
          --help                  this text

        Exit codes: 0 report written; 2 bad flag or unusable target; 1 the run failed.
        """;

    public static CompareOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string flag = arg, value;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                flag = arg[..eq];
            }

            if (SwitchFlags.Contains(flag, StringComparer.Ordinal))
            {
                switches.Add(flag == "-h" ? "--help" : flag);
                continue;
            }

            if (!ValueFlags.Contains(flag, StringComparer.Ordinal))
            {
                throw new UsageException($"'{arg}' is not a known flag; allowed: {string.Join(", ", ValueFlags.Concat(SwitchFlags))}. See --help.");
            }

            if (eq > 0 && arg.StartsWith("--", StringComparison.Ordinal))
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{flag}: no value given; it needs one. See --help.");
            }

            if (!values.TryAdd(flag, value))
            {
                throw new UsageException($"{flag}: given twice ('{values[flag]}' and '{value}'); give it once.");
            }
        }

        var help = switches.Contains("--help");
        var selfBench = switches.Contains("--self-bench");
        var errors = new List<string>();
        T Check<T>(Func<T> parse, T fallback)
        {
            try
            {
                return parse();
            }
            catch (UsageException e)
            {
                errors.Add(e.Message);
                return fallback;
            }
        }

        var target = selfBench || help ? null : Check(() => ParseTarget(values.GetValueOrDefault("--target")), null);
        var dashboard = Check(() => ParseLabUrl("--dashboard", values.GetValueOrDefault("--dashboard"), CompareOptions.DefaultDashboard, "the Aspire dashboard's URL (e.g. http://127.0.0.1:18888)"), null);
        var console = Check(() => ParseLabUrl("--console", values.GetValueOrDefault("--console"), CompareOptions.DefaultConsole, "the lab console's URL (e.g. http://127.0.0.1:18880)"), null);
        var links = Check(() => ParseLinks(values.GetValueOrDefault("--links")), KnownLinks);
        var rate = Check(() => ParseNumber(values, "--rate", 50, min: 0, minExclusive: true, max: OpenLoopPlan.MaxRatePerLink, "requests/s per link"), 50);
        var duration = Check(() => ParseNumber(values, "--duration", DefaultDurationSeconds, min: 0, minExclusive: true, max: OpenLoopPlan.MaxDuration.TotalSeconds, "seconds"), DefaultDurationSeconds);
        var autoWarmup = values.GetValueOrDefault("--warmup", "auto") == "auto";
        var warmup = autoWarmup ? CompareOptions.AutoWarmupLimit.TotalSeconds : Check(() => ParseNumber(values, "--warmup", 2, min: 0, minExclusive: false, max: 600, "seconds (or auto)"), 2);
        var timeout = Check(() => ParseNumber(values, "--timeout", 10, min: 0, minExclusive: true, max: 120, "seconds"), 10);
        var traceWait = Check(() => ParseNumber(values, "--trace-wait", 3, min: 0, minExclusive: false, max: 60, "seconds"), 3);
        var traceSample = (int)Check(() => ParseNumber(values, "--trace-sample", 200, min: 0, minExclusive: false, max: 1000, "traces per link", integer: true), 200);
        var spin = Check(() => ParseNumber(values, "--spin", 1, min: 0, minExclusive: false, max: 5, "milliseconds"), 1);
        var floor = Check(() => ParseOnOff("--floor", values.GetValueOrDefault("--floor")), true);
        var resamples = (int)Check(() => ParseNumber(values, "--resamples", 2000, min: 100, minExclusive: false, max: 100_000, "resamples", integer: true), 2000);
        var confidence = Check(() => ParseNumber(values, "--confidence", 0.95, min: 0.5, minExclusive: false, max: 0.999, "(a fraction, e.g. 0.95)"), 0.95);
        var seed = (int)Check(() => ParseNumber(values, "--seed", 15, min: 0, minExclusive: false, max: int.MaxValue, "(a whole number)", integer: true), 15);
        var azs = (int)Check(() => ParseNumber(values, "--azs", 2, min: 2, minExclusive: false, max: 3, "Availability Zones (2 or 3)", integer: true), 2);
        if (errors.Count == 0 && new OpenLoopPlan(links, rate, TimeSpan.FromSeconds(duration)).Validate() is [var planError, ..])
        {
            errors.Add($"--duration/--rate: {planError}");
        }

        var prices = values.GetValueOrDefault("--prices");
        if (prices is not null && !File.Exists(prices))
        {
            errors.Add($"--prices: '{prices}' does not exist; allowed: the path of a price file like LinkCompare/Prices/aws-links-us-east-1.json.");
        }

        var outDir = values.GetValueOrDefault("--out");
        if (outDir is not null && string.IsNullOrWhiteSpace(outDir))
        {
            errors.Add("--out: an empty path was given; allowed: a folder path.");
        }

        if (errors.Count > 0)
        {
            throw new UsageException(string.Join(System.Environment.NewLine + "link compare: ", errors));
        }

        outDir ??= Path.Combine("artifacts", "link-compare", now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var apiKey = values.GetValueOrDefault("--api-key") ?? environment(ApiKeyVariable);
        return new CompareOptions(
            target, dashboard, console, string.IsNullOrEmpty(apiKey) ? null : apiKey, links, rate, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup),
            TimeSpan.FromSeconds(timeout), outDir, prices, azs, TimeSpan.FromSeconds(traceWait), traceSample, TimeSpan.FromMilliseconds(spin), selfBench, help,
            floor, resamples, confidence, seed, autoWarmup);
    }

    private static bool ParseOnOff(string flag, string? value) => value switch
    {
        null or "on" => true,
        "off" => false,
        _ => throw new UsageException($"{flag}: '{value}' is not on or off; allowed: on, off."),
    };

    private static Uri ParseTarget(string? value)
    {
        if (value is null)
        {
            throw new UsageException("--target: missing; allowed: service A's absolute http(s) URL, e.g. http://127.0.0.1:5101 for the local lab.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"--target: '{value}' is not an absolute http(s) URL; allowed: service A's base URL, e.g. http://127.0.0.1:5101.");
        }

        return uri;
    }

    private static Uri? ParseLabUrl(string flag, string? value, Uri fallback, string allowed)
    {
        if (value is null)
        {
            return fallback;
        }

        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"{flag}: '{value}' is not an absolute http(s) URL or 'none'; allowed: {allowed} or none.");
        }

        return uri;
    }

    private static string[] ParseLinks(string? value)
    {
        if (value is null)
        {
            return [.. KnownLinks];
        }

        var links = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (links.Length == 0)
        {
            throw new UsageException($"--links: '{value}' names no link; allowed: a comma-separated list of {string.Join(", ", KnownLinks)}.");
        }

        foreach (var link in links)
        {
            if (!KnownLinks.Contains(link, StringComparer.Ordinal))
            {
                throw new UsageException($"--links: '{link}' is not a link; allowed: {string.Join(", ", KnownLinks)}.");
            }
        }

        if (links.Distinct(StringComparer.Ordinal).Count() != links.Length)
        {
            throw new UsageException($"--links: '{value}' names a link twice; allowed: each of {string.Join(", ", KnownLinks)} at most once.");
        }

        return links;
    }

    private static double ParseNumber(
        Dictionary<string, string> values, string flag, double fallback, double min, bool minExclusive, double max, string unit, bool integer = false)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return fallback;
        }

        var range = $"{(minExclusive ? "more than" : "at least")} {min.ToString(CultureInfo.InvariantCulture)} and at most {max.ToString(CultureInfo.InvariantCulture)} {unit}";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw new UsageException($"{flag}: '{text}' is not a number; allowed: {(integer ? "a whole number, " : "a number, ")}{range}.");
        }

        if (integer && number != Math.Floor(number))
        {
            throw new UsageException($"{flag}: '{text}' is not a whole number; allowed: {range}.");
        }

        if ((minExclusive ? number <= min : number < min) || number > max)
        {
            throw new UsageException($"{flag}: {text} is out of range; allowed: {range}.");
        }

        return number;
    }
}
