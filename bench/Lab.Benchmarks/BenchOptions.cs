using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.Links;

namespace TracingLab.Lab.Benchmarks;

/// <summary>The benchmark's command line (System.CommandLine), validated before anything starts.</summary>
internal sealed record BenchOptions
{
    public int Requests { get; init; } = 3000;
    public int Warmup { get; init; } = 200;
    public int Concurrency { get; init; } = 4;
    public int Rounds { get; init; } = 3;
    public int Startups { get; init; } = 5;
    public string Link { get; init; } = LinkNames.Peering;
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public string AppHost { get; init; } = "";
    public string FloorAppHost { get; init; } = "";
    public string EmptyAppHost { get; init; } = "";
    public bool HopFloor { get; init; }
    public bool WarmCurve { get; init; }
    public bool Soak { get; init; }
    public bool Floors { get; init; }
    public bool TracingSplit { get; init; }
    public int Rate { get; init; }
    public int Slices { get; init; } = 10;
    public bool Tracing { get; init; } = true;
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan KillAt { get; init; }
    public TimeSpan SwitchAt { get; init; }
    public TimeSpan SwitchFor { get; init; } = TimeSpan.FromSeconds(20);
    public LinkFault Fault { get; init; } = new(LinkNames.Tgw, new BlackholeFault());
    public TimeSpan FaultAt { get; init; }
    public TimeSpan FaultFor { get; init; } = TimeSpan.FromSeconds(60);
    public bool SplitDashboard { get; init; } = true;
    public IReadOnlyList<string> SinkVariants { get; init; } = [];
}

/// <summary>
/// Options, their help and one validator each. A usage error exits with 2 and a message that names the option, the
/// value given (at most ~200 characters of it) and what is allowed.
/// </summary>
internal static class BenchCommand
{
    public const int UsageError = 2;
    private static readonly string[] Links = [.. LinkNames.All];

    private static readonly Option<int> Requests = Int("--requests", 1, 1_000_000, 3000, "measured /lab/hops requests per run (with --hop-floor and --warm-curve: per slice or after --warmup)");
    private static readonly Option<int> Warmup = Int("--warmup", 0, 100_000, 200, "warm-up requests per run, not measured");
    private static readonly Option<int> Concurrency = Int("--concurrency", 1, 256, 4, "requests in flight at once");
    private static readonly Option<int?> Rounds = NullableInt("--rounds", 1, 20, "rounds: of (traced, untraced) runs (default 3), or with --floors of (lab, three services, empty) starts (default 5)");
    private static readonly Option<int> Startups = Int("--startups", 1, 50, 5, "AppHost starts timed to all-healthy");
    private static readonly Option<string> Link = Choice("--link", Links, "peering", "link for /lab/hops?via=");
    private static readonly Option<int> StartTimeout = Int("--start-timeout", 1, 600, 60, "longest wait, in seconds, for an AppHost to be up");
    private static readonly Option<string> AppHost = File("--apphost", "the lab's AppHost dll (default: the one built with this benchmark)");
    private static readonly Option<string> FloorAppHost = File("--floor-apphost", "with --floors: the three-project AppHost dll (default: the built bench/AspireFloor.AppHost)");
    private static readonly Option<string> EmptyAppHost = File("--empty-apphost", "with --floors: the empty AppHost dll (default: the built bench/AspireEmpty.AppHost)");
    private static readonly Option<bool> HopFloor = new("--hop-floor") { Description = "instead: each hop of /lab/hops beside a bare-Kestrel floor in the same run, in this process and in one of its own" };
    private static readonly Option<bool> WarmCurve = new("--warm-curve") { Description = "instead: from a cold start, --slices slices of --requests sequential /lab/hops: p50 and CPU per request per process" };
    private static readonly Option<bool> Soak = new("--soak") { Description = "instead: open-loop /lab/hops over every link for --duration, servicec SIGKILLed at --kill-at, a link switched off at --switch-at, --fault injected at --fault-at" };
    private static readonly Option<bool> Floors = new("--floors") { Description = "instead: the lab's start and stop beside an AppHost of the three projects alone and an empty one, --rounds interleaved" };
    private static readonly Option<bool> TracingSplit = new("--tracing-split") { Description = "instead: the three services without Aspire, untraced vs exporting to a drop sink vs to the Aspire dashboard (persistence Run and None), --rounds interleaved" };
    private static readonly Option<int?> Rate = NullableInt("--rate", 0, 2000, "with --hop-floor: ticks per second, 0 for sequential (default 0); with --soak: requests per second per link (default 10)");
    private static readonly Option<int> Slices = Int("--slices", 1, 100, 10, "with --warm-curve: slices");
    private static readonly Option<string> Tracing = Choice("--tracing", ["on", "off"], "on", "with --hop-floor: off starts the lab with OTEL_SDK_DISABLED=true");
    private static readonly Option<int> Duration = Int("--duration", 60, 7200, 600, "with --soak: seconds of load");
    private static readonly Option<int?> KillAt = NullableInt("--kill-at", 1, 7200, "with --soak: second at which servicec is SIGKILLed (default a third of --duration)");
    private static readonly Option<int?> SwitchAt = NullableInt("--switch-at", 1, 7200, "with --soak: second at which a link is switched off (default two thirds of --duration)");
    private static readonly Option<int> SwitchFor = Int("--switch-for", 1, 600, 20, "with --soak: seconds the link stays off");
    private static readonly Option<LinkFault> Fault = new("--fault")
    {
        Description = "with --soak: the one fault injected for --fault-for through the link's Inject fault command, as in --link-faults (docs/faults-grammar.md; default tgw=blackhole)",
        DefaultValueFactory = _ => new LinkFault(LinkNames.Tgw, new BlackholeFault()),
        CustomParser = ParseFault,
    };

    private static readonly Option<int?> FaultAt = NullableInt("--fault-at", 1, 7200, "with --soak: second at which --fault is injected (default half of --duration)");
    private static readonly Option<int> FaultFor = Int("--fault-for", 1, 600, 60, "with --soak: seconds until the fault is cleared");

    private static readonly Option<string> SplitDashboard = Choice("--split-dashboard", ["on", "off"], "on", "with --tracing-split: off leaves out the two dashboard modes");
    private static readonly Option<string[]> SinkVariant = new("--sink-variant")
    {
        Description = "with --tracing-split: one more mode, traced → drop sink with these settings for the services (NAME=VALUE[;NAME=VALUE...], environment variables); repeatable, for A/B of telemetry settings",
        AllowMultipleArgumentsPerToken = false,
    };

    public static RootCommand Create()
    {
        var root = new RootCommand("Whole-lab benchmarks: start-up and /lab/hops load (default), --hop-floor, --warm-curve, --soak, --floors, --tracing-split.")
        {
            Requests, Warmup, Concurrency, Rounds, Startups, Link, StartTimeout, AppHost, FloorAppHost, EmptyAppHost,
            HopFloor, WarmCurve, Soak, Floors, TracingSplit, Rate, Slices, Tracing, Duration, KillAt, SwitchAt, SwitchFor,
            Fault, FaultAt, FaultFor, SplitDashboard, SinkVariant,
        };
        root.Validators.Add(result =>
        {
            foreach (var variant in result.GetValue(SinkVariant) ?? [])
            {
                if (variant.Split(';').Any(pair => pair.IndexOf('=', StringComparison.Ordinal) < 1))
                {
                    result.AddError($"--sink-variant: {Quoted(variant)} is not allowed; expected NAME=VALUE pairs separated by ';'.");
                }
            }

            var modes = new[] { HopFloor, WarmCurve, Soak, Floors, TracingSplit }.Where(m => result.GetValue(m)).Select(m => m.Name).ToList();
            if (modes.Count > 1)
            {
                result.AddError($"{string.Join(" and ", modes)} were both given; allowed: at most one of --hop-floor, --warm-curve, --soak, --floors, --tracing-split.");
            }

            var duration = result.GetValue(Duration);
            foreach (var at in new[] { KillAt, SwitchAt, FaultAt })
            {
                if (result.GetValue(at) is { } second && second >= duration)
                {
                    result.AddError($"{at.Name} is {second}; allowed: a second before --duration ({duration}).");
                }
            }
        });
        return root;
    }

    /// <summary>The options of a parse without errors; the AppHost paths default to those built with the benchmark.</summary>
    public static BenchOptions Read(ParseResult parse)
    {
        var soak = parse.GetValue(Soak);
        var floors = parse.GetValue(Floors);
        var duration = parse.GetValue(Duration);
        return new BenchOptions
        {
            Requests = parse.GetValue(Requests),
            Warmup = parse.GetValue(Warmup),
            Concurrency = parse.GetValue(Concurrency),
            Rounds = parse.GetValue(Rounds) ?? (floors ? 5 : 3),
            Startups = parse.GetValue(Startups),
            Link = parse.GetValue(Link)!,
            StartTimeout = TimeSpan.FromSeconds(parse.GetValue(StartTimeout)),
            AppHost = parse.GetValue(AppHost) ?? Built("TracingLab.AppHost") ?? "",
            FloorAppHost = parse.GetValue(FloorAppHost) ?? Built("TracingLab.AspireFloor.AppHost") ?? "",
            EmptyAppHost = parse.GetValue(EmptyAppHost) ?? Built("TracingLab.AspireEmpty.AppHost") ?? "",
            HopFloor = parse.GetValue(HopFloor),
            WarmCurve = parse.GetValue(WarmCurve),
            Soak = soak,
            Floors = floors,
            TracingSplit = parse.GetValue(TracingSplit),
            Rate = parse.GetValue(Rate) ?? (soak ? 10 : 0),
            Slices = parse.GetValue(Slices),
            Tracing = parse.GetValue(Tracing) == "on",
            Duration = TimeSpan.FromSeconds(duration),
            KillAt = TimeSpan.FromSeconds(parse.GetValue(KillAt) ?? duration / 3),
            SwitchAt = TimeSpan.FromSeconds(parse.GetValue(SwitchAt) ?? 2 * duration / 3),
            SwitchFor = TimeSpan.FromSeconds(parse.GetValue(SwitchFor)),
            Fault = parse.GetValue(Fault)!,
            FaultAt = TimeSpan.FromSeconds(parse.GetValue(FaultAt) ?? duration / 2),
            FaultFor = TimeSpan.FromSeconds(parse.GetValue(FaultFor)),
            SplitDashboard = parse.GetValue(SplitDashboard) == "on",
            SinkVariants = parse.GetValue(SinkVariant) ?? [],
        };
    }

    /// <summary>Null when every AppHost the chosen mode starts was built; otherwise which one is missing and how to build it.</summary>
    public static string? MissingAppHost(BenchOptions o)
    {
        var needed = new List<(string Option, string Path, string Project)> { ("--apphost", o.AppHost, "AppHost") };
        if (o.Floors)
        {
            needed.Add(("--floor-apphost", o.FloorAppHost, "bench/AspireFloor.AppHost"));
            needed.Add(("--empty-apphost", o.EmptyAppHost, "bench/AspireEmpty.AppHost"));
        }

        return needed.Where(n => !System.IO.File.Exists(n.Path)).Select(n =>
            $"{n.Option}: the build output {Quoted(n.Path)} does not exist; run `dotnet build {n.Project} -c Release` or pass {n.Option}.").FirstOrDefault();
    }

    /// <summary><paramref name="value"/> in quotes, cut to ~200 characters with its length when longer.</summary>
    public static string Quoted(string value) => TracingLab.Contracts.Text.Quoted.Value(value);

    private static Option<int> Int(string name, int min, int max, int defaultValue, string description) =>
        new(name)
        {
            Description = $"{description} ({min}..{max})",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseInt(r, min, max) ?? 0,
        };

    private static Option<int?> NullableInt(string name, int min, int max, string description) =>
        new(name) { Description = $"{description} ({min}..{max})", CustomParser = r => ParseInt(r, min, max) };

    private static int? ParseInt(ArgumentResult result, int min, int max)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        result.AddError($"{OptionName(result)}: {Quoted(value)} is not allowed; expected a whole number from {min} to {max}.");
        return null;
    }

    private static LinkFault ParseFault(ArgumentResult result)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!LinkFaults.TryParse(value, out var faults, out var errors))
        {
            result.AddError($"--fault: {Quoted(value)} is not allowed: {string.Join(" ", errors)}");
        }
        else if (faults.Count != 1 || faults[0].Start is not null)
        {
            result.AddError($"--fault: {Quoted(value)} is not allowed; expected one fault without a window, such as tgw=blackhole or peering=loss:5%.");
        }
        else
        {
            return faults[0];
        }

        return new LinkFault(LinkNames.Tgw, new BlackholeFault());
    }

    private static Option<string> Choice(string name, string[] allowed, string defaultValue, string description)
    {
        var option = new Option<string>(name) { Description = $"{description} ({string.Join(", ", allowed)}; default {defaultValue})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>() ?? "";
            if (!allowed.Contains(value, StringComparer.Ordinal))
            {
                r.AddError($"{name}: {Quoted(value)} is not allowed; expected one of {string.Join(", ", allowed)}.");
            }
        });
        return option;
    }

    private static Option<string> File(string name, string description)
    {
        var option = new Option<string>(name) { Description = description };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>() ?? "";
            if (!System.IO.File.Exists(value))
            {
                r.AddError($"{name}: {Quoted(value)} does not exist; expected the path of a built AppHost dll.");
            }
        });
        return option;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult o ? o.Option.Name : "value";

    // Recorded at build time by build/LabProjectPaths.targets, so the benchmark starts the AppHosts of its own configuration.
    private static string? Built(string assemblyName) =>
        typeof(BenchCommand).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == $"lab-project:{assemblyName}")?.Value;
}
