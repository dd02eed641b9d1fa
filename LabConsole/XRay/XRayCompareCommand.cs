using System.Globalization;
using TracingLab.Contracts.Telemetry;
using TracingLab.LabConsole.Telemetry;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Import;
using TracingLab.XRay.Translation;

namespace TracingLab.LabConsole.XRay;

/// <summary>
/// `dotnet run --project LabConsole -- compare --local &lt;dashboard url | export.zip&gt; --xray batch-get-traces.json`:
/// for CI. Compares every trace of the X-Ray file (or only --trace-id) with the same trace on the local side — the
/// running Aspire dashboard's telemetry API or the zip its "Export telemetry" writes — prints the reports, and exits
/// 0 when all pass, 1 when a difference exceeds the tolerances, 2 on bad arguments or unreadable sources.
/// </summary>
public static class XRayCompareCommand
{
    public const string Name = "compare";
    public const int ExitPassed = 0;
    public const int ExitDifferences = 1;
    public const int ExitBadArguments = 2;

    /// <summary>Where --api-key defaults from: the same variable the link compare command reads.</summary>
    public const string ApiKeyVariable = "TRACINGLAB_API_KEY";

    private static readonly string[] Flags =
    [
        "--local <url|export.zip>", "--xray <batch-get-traces.json>", "--api-key <key>", "--max-timing-delta-ms <n>", "--trace-id <id>", "--help",
    ];

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Environment.GetEnvironmentVariable(ApiKeyVariable), Console.Out, Console.Error);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, string? apiKeyFromEnvironment, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var (parsed, problems) = Parse(args);
        if (parsed.Help)
        {
            await output.WriteLineAsync(Usage()).ConfigureAwait(false);
            return ExitPassed;
        }

        if (problems.Count == 0)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            var (local, problem) = LocalSource.Open(parsed.Local!, parsed.ApiKey ?? apiKeyFromEnvironment, http);
            if (problem is not null)
            {
                problems.Add(problem);
            }

            var xray = ReadXRay(parsed.XRay!, problems);
            if (problems.Count == 0)
            {
                return await CompareAsync(parsed, local!, xray!, output, problems).ConfigureAwait(false) ?? await FailAsync(errors, problems).ConfigureAwait(false);
            }
        }

        return await FailAsync(errors, problems).ConfigureAwait(false);
    }

    public static string Usage() => $"""
        usage: dotnet run --project LabConsole -- {Name} --local <url|export.zip> --xray <batch-get-traces.json> [flags]
        The local side is the running Aspire dashboard (--local http://127.0.0.1:18888, its telemetry API; --api-key or
        env {ApiKeyVariable} carries its API key) or the zip the Aspire dashboard's "Export telemetry" writes
        (traces/*.json). Exit codes: 0 all traces pass, 1 a difference exceeds the tolerances, 2 bad arguments.
        flags:
          {string.Join("\n  ", Flags)}
        """;

    private static async Task<int?> CompareAsync(CompareArguments a, LocalSource local, XRayImport xray, TextWriter output, List<string> problems)
    {
        var traces = xray.Traces;
        if (a.TraceId is { } wanted)
        {
            traces = [.. traces.Where(t => string.Equals(t.Id, wanted, StringComparison.Ordinal))];
            if (traces.Count == 0)
            {
                problems.Add($"--trace-id '{a.RawTraceId}' is not in {a.XRay}; traces there: {Ids(xray.Traces.Select(t => t.Id))}");
                return null;
            }
        }

        if (traces.Count == 0)
        {
            problems.Add($"--xray '{a.XRay}' holds no traces with segments (get-trace-summaries output has none; use batch-get-traces output)");
            return null;
        }

        var tolerances = new CompareTolerances { MaxTimingDeltaMs = a.MaxTimingDeltaMs };
        var passed = true;
        foreach (var trace in traces)
        {
            LocalTrace? found;
            try
            {
                found = XRayTraceId.TryParse(trace.Id, out var id) ? await local.GetAsync(id, CancellationToken.None).ConfigureAwait(false) : null;
            }
            catch (UpstreamException ex)
            {
                problems.Add($"--local '{a.Local}': {ex.Message}");
                return null;
            }

            if (found is null)
            {
                problems.Add($"trace {trace.Id} of --xray '{a.XRay}' is not in --local '{a.Local}'{(local.KnownIds.Count > 0 ? $"; traces there: {Ids(local.KnownIds)}" : "")}");
                return null;
            }

            var report = TraceComparer.Compare(trace.Id, found.ResourceSpans, trace, LocalXRay.CompareTranslator, tolerances);
            passed &= report.Passed;
            await output.WriteLineAsync(ComparisonTextRenderer.Render(report)).ConfigureAwait(false);
        }

        return passed ? ExitPassed : ExitDifferences;
    }

    private static XRayImport? ReadXRay(string path, List<string> problems)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"--xray '{path}' cannot be read: {ex.Message}");
            return null;
        }

        var result = XRayImportParser.Parse(bytes);
        if (!result.Succeeded)
        {
            problems.Add($"--xray '{path}' is not aws xray batch-get-traces output: {result.Error.Message}");
            return null;
        }

        return result.Import;
    }

    private static (CompareArguments Arguments, List<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        var a = new CompareArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string? Value()
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                problems.Add($"{flag} needs a value: {Flags.First(f => f.StartsWith(flag + " ", StringComparison.Ordinal))}");
                return null;
            }

            switch (flag)
            {
                case "--local": a.Local = Value(); break;
                case "--xray": a.XRay = Value(); break;
                case "--api-key": a.ApiKey = Value(); break;
                case "--trace-id":
                    a.RawTraceId = Value();
                    if (a.RawTraceId is not null && (a.TraceId = XRayTraceId.Normalize(a.RawTraceId)) is null)
                    {
                        problems.Add($"--trace-id '{a.RawTraceId}' is not a trace id; allowed: 32 hex digits or 1-{{8 hex}}-{{24 hex}}");
                    }

                    break;
                case "--max-timing-delta-ms":
                    var text = Value();
                    if (text is not null)
                    {
                        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && double.IsFinite(ms) && ms >= 0)
                        {
                            a.MaxTimingDeltaMs = ms;
                        }
                        else
                        {
                            problems.Add($"--max-timing-delta-ms '{text}' is not allowed; use a number of milliseconds, 0 or more");
                        }
                    }

                    break;
                case "--help" or "-h": a.Help = true; break;
                default:
                    problems.Add($"unknown flag '{flag}'; allowed: {string.Join(", ", Flags.Select(f => f.Split(' ')[0]))}");
                    break;
            }
        }

        if (!a.Help)
        {
            if (a.Local is null && !problems.Any(p => p.StartsWith("--local", StringComparison.Ordinal)))
            {
                problems.Add("--local <url|export.zip> is required: the Aspire dashboard's URL (http://127.0.0.1:18888) or its telemetry export zip");
            }

            if (a.XRay is null && !problems.Any(p => p.StartsWith("--xray", StringComparison.Ordinal)))
            {
                problems.Add("--xray <batch-get-traces.json> is required: the output of aws xray batch-get-traces");
            }
        }

        return (a, problems);
    }

    private static async Task<int> FailAsync(TextWriter errors, List<string> problems)
    {
        foreach (var problem in problems)
        {
            await errors.WriteLineAsync(problem).ConfigureAwait(false);
        }

        await errors.WriteLineAsync(Usage()).ConfigureAwait(false);
        return ExitBadArguments;
    }

    private static string Ids(IEnumerable<string> ids)
    {
        var list = ids.Take(11).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list.Take(10)) + (list.Count > 10 ? ", ..." : string.Empty);
    }

    private sealed class CompareArguments
    {
        public string? Local { get; set; }

        public string? XRay { get; set; }

        public string? ApiKey { get; set; }

        public string? RawTraceId { get; set; }

        public string? TraceId { get; set; }

        public double MaxTimingDeltaMs { get; set; } = new CompareTolerances().MaxTimingDeltaMs;

        public bool Help { get; set; }
    }
}
