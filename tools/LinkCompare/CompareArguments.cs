using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using TracingLab.Tools;
using TracingLab.Contracts.Links;
using TracingLab.LinkCompare.Load;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// The command line, on System.CommandLine: every problem names the flag, the value (bounded) and what is allowed, and
/// all of them are reported at once.
/// </summary>
internal static class CompareArguments
{
    /// <summary>
    /// Measured seconds when --duration is not given. 60 s: the A→B hop (which carries B→C) needs about 3,000 samples per
    /// link for a Transit Gateway's ~0.2 ms over peering to clear the run's noise on a 2-core machine; 20 s resolved it in
    /// one run of two (docs/benchmarks.md).
    /// </summary>
    public const double DefaultDurationSeconds = 60;

    public const string ApiKeyVariable = "TRACINGLAB_API_KEY";

    private static readonly IReadOnlyList<string> KnownLinks = LinkNames.All;

    /// <summary>Printed after System.CommandLine's help.</summary>
    public const string ExitCodes = "Exit codes: 0 report written; 2 bad flag or unusable target; 1 the run failed.";

    // Every option, in the order --help lists them. Adding an option: one line here, one validator in Build(), one
    // value in Parse().
    private static readonly Option<string> Target = Text("--target", "url", "service A's base URL (local lab: http://127.0.0.1:5101); required");
    private static readonly Option<string> Dashboard = Text("--dashboard", "url|none", "the Aspire dashboard (traces, W3C ids), none for a deployed stack; default http://127.0.0.1:18888");
    private static readonly Option<string> Console = Text("--console", "url|none", "the lab console (relays, flows; the run is posted there), or none; default http://127.0.0.1:18880");
    private static readonly Option<string> ApiKey = Text("--api-key", "key", $"the Aspire dashboard's API key (x-api-key), sent to both; default env {ApiKeyVariable}");
    private static readonly Option<string> Links = Text("--links", "list", "comma-separated: tgw,peering,privatelink,lattice; default all four");
    private static readonly Option<string> Rate = Text("--rate", "n", "requests per second per link, > 0 and <= 5000; default 50");
    private static readonly Option<string> Duration = Text("--duration", "s", "measured seconds, > 0 and <= 3600; default 60");
    private static readonly Option<string> Warmup = Text("--warmup", "s|auto", "unrecorded warm-up first: seconds (0 to 600), or auto: 1 s slices until the median latency settles, 3 to 60 s; default auto");
    private static readonly Option<string> Timeout = Text("--timeout", "s", "per-request timeout, > 0 and <= 120; default 10");
    private static readonly Option<string> Out = Text("--out", "dir", "report folder; default artifacts/link-compare/<yyyyMMdd-HHmmss>");
    private static readonly Option<string> Prices = Text("--prices", "file", "price file; default the repo's LinkCompare/Prices/aws-links-us-east-1.json");
    private static readonly Option<string> Azs = Text("--azs", "2|3", "Availability Zones of the deployed stack, for the cost table; default 2");
    private static readonly Option<string> TraceWait = Text("--trace-wait", "s", "wait for traces to land in the Aspire dashboard, 0 to 60; default 3");
    private static readonly Option<string> TraceSample = Text("--trace-sample", "n", "traces fetched per link for the per-hop breakdown, 0 to 1000; default 200");
    private static readonly Option<string> Spin = Text("--spin", "ms", "spin this long before each tick instead of sleeping, 0 to 5; default 1");
    private static readonly Option<string> Floor = Text("--floor", "on|off", "also call a bare local responder at the same rate (the run's floor); default on");
    private static readonly Option<string> Resamples = Text("--resamples", "n", "bootstrap resamples per interval, 100 to 100000; default 2000");
    private static readonly Option<string> Confidence = Text("--confidence", "c", "the intervals' confidence level, 0.5 to 0.999; default 0.95");
    private static readonly Option<string> Seed = Text("--seed", "n", "the bootstrap's seed, 0 to 2147483647 (recorded in run.json); default 15");
    private static readonly Option<bool> SelfBench = new("--self-bench") { Description = "measure the generator itself against a local responder (no --target)" };

    private static readonly Option<string>[] ValueOptions =
        [Target, Dashboard, Console, ApiKey, Links, Rate, Duration, Warmup, Timeout, Out, Prices, Azs, TraceWait, TraceSample, Spin, Floor, Resamples, Confidence, Seed];

    private static readonly RootCommand Root = Build();

    /// <summary>The command line: each option with its help text and one validator (which reports the option's error).</summary>
    private static RootCommand Build()
    {
        var root = new RootCommand(
            "Link compare: identical open-loop traffic over every chosen link, then a Markdown + SVG report.\n"
            + "dotnet run --project tools/LinkCompare -c Release -- --target <service A url> [options]");
        foreach (var option in ValueOptions)
        {
            root.Options.Add(option);
        }

        root.Options.Add(SelfBench);
        Validate(Target, ParseTarget);
        Validate(Dashboard, text => ParseLabUrl("--dashboard", text, "the Aspire dashboard's URL (e.g. http://127.0.0.1:18888)"));
        Validate(Console, text => ParseLabUrl("--console", text, "the lab console's URL (e.g. http://127.0.0.1:18880)"));
        Validate(ApiKey, text => text);
        Validate(Links, ParseLinks);
        Validate(Rate, text => ParseNumber("--rate", text, min: 0, minExclusive: true, max: OpenLoopPlan.MaxRatePerLink, "requests/s per link"));
        Validate(Duration, text => ParseNumber("--duration", text, min: 0, minExclusive: true, max: OpenLoopPlan.MaxDuration.TotalSeconds, "seconds"));
        Validate(Warmup, text => text == "auto" ? 0 : ParseNumber("--warmup", text, min: 0, minExclusive: false, max: 600, "seconds (or auto)"));
        Validate(Timeout, text => ParseNumber("--timeout", text, min: 0, minExclusive: true, max: 120, "seconds"));
        Validate(Out, text => string.IsNullOrWhiteSpace(text) ? throw new UsageException("--out: an empty path was given; allowed: a folder path.") : text);
        Validate(Prices, text => File.Exists(text)
            ? text
            : throw new UsageException($"--prices: {Echo.Quoted(text)} does not exist; allowed: the path of a price file like LinkCompare/Prices/aws-links-us-east-1.json."));
        Validate(Azs, text => ParseNumber("--azs", text, min: 2, minExclusive: false, max: 3, "Availability Zones (2 or 3)", integer: true));
        Validate(TraceWait, text => ParseNumber("--trace-wait", text, min: 0, minExclusive: false, max: 60, "seconds"));
        Validate(TraceSample, text => ParseNumber("--trace-sample", text, min: 0, minExclusive: false, max: 1000, "traces per link", integer: true));
        Validate(Spin, text => ParseNumber("--spin", text, min: 0, minExclusive: false, max: 5, "milliseconds"));
        Validate(Floor, text => ParseOnOff("--floor", text));
        Validate(Resamples, text => ParseNumber("--resamples", text, min: 100, minExclusive: false, max: 100_000, "resamples", integer: true));
        Validate(Confidence, text => ParseNumber("--confidence", text, min: 0.5, minExclusive: false, max: 0.999, "(a fraction, e.g. 0.95)"));
        Validate(Seed, text => ParseNumber("--seed", text, min: 0, minExclusive: false, max: int.MaxValue, "(a whole number)", integer: true));
        return root;
    }

    public static CompareOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var result = Root.Parse([.. args]);
        var help = result.Action is not (null or ParseErrorAction);
        var selfBench = result.GetValue(SelfBench);
        var errors = Errors(result);
        if (!help && !selfBench && result.GetResult(Target) is null)
        {
            errors.Insert(0, "--target: missing; allowed: service A's absolute http(s) URL, e.g. http://127.0.0.1:5101 for the local lab.");
        }

        if (help)
        {
            return Defaults(environment, now) with { Help = true };
        }

        if (errors.Count > 0)
        {
            throw new UsageException(string.Join(System.Environment.NewLine + "link compare: ", errors));
        }

        // Every value given has passed its validator; what is read here cannot fail.
        string? Raw(Option<string> option) => result.GetResult(option) is { Tokens: [var token] } ? token.Value : null;
        double Number(Option<string> option, double fallback) =>
            Raw(option) is { } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
        var links = Raw(Links) is { } l ? ParseLinks(l) : [.. KnownLinks];
        var rate = Number(Rate, 50);
        var duration = Number(Duration, DefaultDurationSeconds);
        if (new OpenLoopPlan(links, rate, TimeSpan.FromSeconds(duration)).Validate() is [var planError, ..])
        {
            throw new UsageException($"--duration/--rate: {planError}");
        }

        var autoWarmup = (Raw(Warmup) ?? "auto") == "auto";
        var apiKey = Raw(ApiKey) ?? environment(ApiKeyVariable);
        return new CompareOptions(
            selfBench ? null : ParseTarget(Raw(Target)!),
            Raw(Dashboard) is { } dashboard ? ParseLabUrl("--dashboard", dashboard, "") : CompareOptions.DefaultDashboard,
            Raw(Console) is { } console ? ParseLabUrl("--console", console, "") : CompareOptions.DefaultConsole,
            string.IsNullOrEmpty(apiKey) ? null : apiKey,
            links,
            rate,
            TimeSpan.FromSeconds(duration),
            autoWarmup ? CompareOptions.AutoWarmupLimit : TimeSpan.FromSeconds(Number(Warmup, 2)),
            TimeSpan.FromSeconds(Number(Timeout, 10)),
            Raw(Out) ?? DefaultOut(now),
            Raw(Prices),
            (int)Number(Azs, 2),
            TimeSpan.FromSeconds(Number(TraceWait, 3)),
            (int)Number(TraceSample, 200),
            TimeSpan.FromMilliseconds(Number(Spin, 1)),
            selfBench,
            Help: false,
            Floor: Raw(Floor) is not { } floor || ParseOnOff("--floor", floor),
            Resamples: (int)Number(Resamples, 2000),
            Confidence: Number(Confidence, 0.95),
            Seed: (int)Number(Seed, 15),
            AutoWarmup: autoWarmup);
    }

    /// <summary>Writes System.CommandLine's help for the command, then the exit codes.</summary>
    public static void WriteHelp(TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        Root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = stdout });
        stdout.WriteLine(ExitCodes);
    }

    private static CompareOptions Defaults(Func<string, string?> environment, DateTimeOffset now) => new(
        null, CompareOptions.DefaultDashboard, CompareOptions.DefaultConsole, environment(ApiKeyVariable), KnownLinks, 50, TimeSpan.FromSeconds(DefaultDurationSeconds),
        CompareOptions.AutoWarmupLimit, TimeSpan.FromSeconds(10), DefaultOut(now), null, 2, TimeSpan.FromSeconds(3), 200, TimeSpan.FromMilliseconds(1), false, false,
        AutoWarmup: true);

    private static string DefaultOut(DateTimeOffset now) =>
        Path.Combine("artifacts", "link-compare", now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    private static Option<string> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    /// <summary>The option's one validator: the parser's complaint becomes the option's error.</summary>
    private static void Validate<T>(Option<string> option, Func<string, T> parse) =>
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count != 1)
            {
                return; // no value or two: said by Errors
            }

            try
            {
                parse(result.Tokens[0].Value);
            }
            catch (UsageException e)
            {
                result.AddError(e.Message);
            }
        });

    /// <summary>
    /// The parse's errors in the tool's words: System.CommandLine's own (an unknown token, an option given twice) are
    /// said as the validators' are, naming the flag, the value and what is allowed.
    /// </summary>
    private static List<string> Errors(ParseResult result) => ParseProblems.Describe(result, new ParseWords(
        token => $"{token} is not a known flag; allowed: {string.Join(", ", ValueOptions.Select(o => o.Name).Append(SelfBench.Name).Append("--help"))}. See --help.",
        token => $"{token} follows no flag; allowed: a value right after its flag, e.g. --rate 50. See --help.",
        option => $"{option.Option.Name}: no value given; it needs one. See --help.",
        option => $"{option.Option.Name}: {ParseProblems.Repeats(option)}; give it once."));

    private static bool ParseOnOff(string flag, string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new UsageException($"{flag}: {Echo.Quoted(value)} is not on or off; allowed: on, off."),
    };

    private static Uri ParseTarget(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"--target: {Echo.Quoted(value)} is not an absolute http(s) URL; allowed: service A's base URL, e.g. http://127.0.0.1:5101.");
        }

        return uri;
    }

    private static Uri? ParseLabUrl(string flag, string value, string allowed)
    {
        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"{flag}: {Echo.Quoted(value)} is not an absolute http(s) URL or 'none'; allowed: {allowed} or none.");
        }

        return uri;
    }

    private static string[] ParseLinks(string value)
    {
        var links = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (links.Length == 0)
        {
            throw new UsageException($"--links: {Echo.Quoted(value)} names no link; allowed: a comma-separated list of {string.Join(", ", KnownLinks)}.");
        }

        foreach (var link in links)
        {
            if (!KnownLinks.Contains(link, StringComparer.Ordinal))
            {
                throw new UsageException($"--links: {Echo.Quoted(link)} is not a link; allowed: {string.Join(", ", KnownLinks)}.");
            }
        }

        if (links.Distinct(StringComparer.Ordinal).Count() != links.Length)
        {
            throw new UsageException($"--links: {Echo.Quoted(value)} names a link twice; allowed: each of {string.Join(", ", KnownLinks)} at most once.");
        }

        return links;
    }

    private static double ParseNumber(string flag, string text, double min, bool minExclusive, double max, string unit, bool integer = false)
    {
        var range = $"{(minExclusive ? "more than" : "at least")} {min.ToString(CultureInfo.InvariantCulture)} and at most {max.ToString(CultureInfo.InvariantCulture)} {unit}";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw new UsageException($"{flag}: {Echo.Quoted(text)} is not a number; allowed: {(integer ? "a whole number, " : "a number, ")}{range}.");
        }

        if (integer && number != Math.Floor(number))
        {
            throw new UsageException($"{flag}: {Echo.Quoted(text)} is not a whole number; allowed: {range}.");
        }

        if ((minExclusive ? number <= min : number < min) || number > max)
        {
            throw new UsageException($"{flag}: {Echo.Plain(text)} is out of range; allowed: {range}.");
        }

        return number;
    }
}
