using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TracingLab.Contracts.Links;

namespace TracingLab.Lab.Benchmarks;

/// <summary>The benchmark's command line, validated before anything starts.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Lab.Benchmarks -- [options]
          --requests <n>       measured /lab/hops requests per run (1..1000000, default 3000)
          --warmup <n>         warm-up requests per run, not measured (0..100000, default 200)
          --concurrency <n>    requests in flight at once (1..256, default 4)
          --rounds <n>         rounds of (traced, untraced) AppHost runs; medians over rounds (1..20, default 3)
          --startups <n>       AppHost starts timed to all-healthy (1..50, default 5)
          --link <name>        link for /lab/hops?via= (tgw, peering, privatelink; default peering)
          --start-timeout <s>  longest wait for the AppHost's healthy summary (1..600, default 60)
          --apphost <dll>      the AppHost to start (default: the one built with this benchmark)
          --hop-floor          instead: each hop of /lab/hops beside a bare-Kestrel floor in the same run, in this
                               process and in a process of its own (--tracing; --requests ticks after --warmup, paced
                               by --rate)
          --rate <n>           with --hop-floor: ticks per second (1..2000), or 0 for sequential (default 0)
          --tracing <on|off>   with --hop-floor: off starts the lab (and the floor's caller) with OTEL_SDK_DISABLED=true
                               (default on)
          --warm-curve         instead: from a cold start, --slices slices of --requests sequential /lab/hops each
                               (tracing on): p50 per slice and the CPU each process of the lab spent per request
          --slices <n>         with --warm-curve: slices (1..100, default 10)
        """;

    public int Requests { get; init; } = 3000;
    public int Warmup { get; init; } = 200;
    public int Concurrency { get; init; } = 4;
    public int Rounds { get; init; } = 3;
    public int Startups { get; init; } = 5;
    public string Link { get; init; } = LinkNames.Peering;
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public string AppHost { get; init; } = "";
    public bool HopFloor { get; init; }
    public int Rate { get; init; }
    public bool WarmCurve { get; init; }
    public int Slices { get; init; } = 10;
    public bool Tracing { get; init; } = true;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out BenchOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        var o = new BenchOptions { AppHost = BuiltAppHost() ?? "" };
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            if (flag is "--help" or "-h")
            {
                error = "Help requested.";
                return false;
            }

            if (flag == "--hop-floor")
            {
                o = o with { HopFloor = true };
                continue;
            }

            if (flag == "--warm-curve")
            {
                o = o with { WarmCurve = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{flag}: a value is required.";
                return false;
            }

            var value = args[++i];
            string? problem = null;
            switch (flag)
            {
                case "--requests": o = o with { Requests = Int(flag, value, 1, 1_000_000, ref problem) }; break;
                case "--warmup": o = o with { Warmup = Int(flag, value, 0, 100_000, ref problem) }; break;
                case "--concurrency": o = o with { Concurrency = Int(flag, value, 1, 256, ref problem) }; break;
                case "--rounds": o = o with { Rounds = Int(flag, value, 1, 20, ref problem) }; break;
                case "--startups": o = o with { Startups = Int(flag, value, 1, 50, ref problem) }; break;
                case "--rate": o = o with { Rate = Int(flag, value, 0, 2000, ref problem) }; break;
                case "--slices": o = o with { Slices = Int(flag, value, 1, 100, ref problem) }; break;
                case "--start-timeout": o = o with { StartTimeout = TimeSpan.FromSeconds(Int(flag, value, 1, 600, ref problem)) }; break;
                case "--tracing":
                    problem = value is "on" or "off" ? null : $"{flag}: '{value}' is not allowed; expected on or off.";
                    o = o with { Tracing = value == "on" };
                    break;
                case "--link":
                    problem = LinkNames.IsKnown(value)
                        ? null
                        : $"{flag}: '{value}' is not a link; allowed: {LinkNames.Allowed}.";
                    o = o with { Link = value };
                    break;
                case "--apphost":
                    problem = File.Exists(value) ? null : $"{flag}: '{value}' does not exist; give the path of TracingLab.AppHost.dll.";
                    o = o with { AppHost = Path.GetFullPath(value) };
                    break;
                default:
                    problem = $"'{flag}' is not an option; allowed: --requests, --warmup, --concurrency, --rounds, --startups, --link, --start-timeout, --apphost, --hop-floor, --rate, --tracing, --warm-curve, --slices.";
                    break;
            }

            if (problem is not null)
            {
                error = problem;
                return false;
            }
        }

        if (!File.Exists(o.AppHost))
        {
            error = $"--apphost: the AppHost build output '{o.AppHost}' does not exist; run `dotnet build AppHost -c Release` or pass --apphost.";
            return false;
        }

        options = o;
        error = null;
        return true;
    }

    private static int Int(string flag, string value, int min, int max, ref string? problem)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        problem = $"{flag}: '{value}' is not allowed; expected a whole number from {min} to {max}.";
        return 0;
    }

    // Recorded at build time by build/LabProjectPaths.targets, so the benchmark starts the AppHost of its own configuration.
    private static string? BuiltAppHost() => TracingLab.Testing.LabProcess.FindAppHost(typeof(BenchOptions).Assembly);
}
