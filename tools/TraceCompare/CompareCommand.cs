using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using TracingLab.AspireTelemetry;
using TracingLab.Contracts.Telemetry;
using TracingLab.Tools;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Import;

namespace TracingLab.TraceCompare;

/// <summary>
/// <c>dotnet run --project tools/TraceCompare -- --local &lt;dashboard url | export.zip&gt; --xray batch-get-traces.json</c>:
/// for CI. Compares every trace of the X-Ray file (or only --trace-id) with the same trace on the local side — the
/// running Aspire dashboard's telemetry API or the zip its "Export telemetry" writes — prints the reports, and exits
/// 0 when all pass, 1 when a difference exceeds the tolerances, 2 on bad arguments or unreadable sources.
/// </summary>
public static class CompareCommand
{
    public const int ExitPassed = 0;
    public const int ExitDifferences = 1;
    public const int ExitBadArguments = 2;

    /// <summary>Where --api-key defaults from: the same variable the link compare command reads.</summary>
    public const string ApiKeyVariable = "TRACINGLAB_API_KEY";

    // Every option, in the order --help lists them. Adding an option: one line here, its validator in Build(), its
    // value in CompareArguments.From.
    private static readonly Option<string> Local = Text("--local", "url|export.zip", "the running Aspire dashboard (http://127.0.0.1:18888, its telemetry API) or the zip its \"Export telemetry\" writes (traces/*.json); required");
    private static readonly Option<string> XRayFile = Text("--xray", "batch-get-traces.json", "the output of aws xray batch-get-traces; required");
    private static readonly Option<string> ApiKey = Text("--api-key", "key", $"the Aspire dashboard's API key; default env {ApiKeyVariable}");
    private static readonly Option<string> MaxTimingDelta = Text("--max-timing-delta-ms", "n", "the largest timing difference that still passes, milliseconds, 0 or more");
    private static readonly Option<string> TraceId = Text("--trace-id", "id", "compare only this trace: 32 hex digits or 1-{8 hex}-{24 hex}");

    private static readonly Option<string>[] Options = [Local, XRayFile, ApiKey, MaxTimingDelta, TraceId];

    private static readonly RootCommand Root = Build();

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Environment.GetEnvironmentVariable(ApiKeyVariable), Console.Out, Console.Error);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, string? apiKeyFromEnvironment, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var result = Root.Parse([.. args]);
        if (result.Action is not (null or ParseErrorAction))
        {
            await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors }).ConfigureAwait(false);
            return ExitPassed;
        }

        var problems = Problems(result);
        if (problems.Count == 0)
        {
            var parsed = CompareArguments.From(result, Options);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            var (local, problem) = LocalSource.Open(parsed.Local, parsed.ApiKey ?? apiKeyFromEnvironment, http);
            if (problem is not null)
            {
                problems.Add(problem);
            }

            var xray = ReadXRay(parsed.XRay, problems);
            if (problems.Count == 0)
            {
                return await CompareAsync(parsed, local!, xray!, output, errors, problems).ConfigureAwait(false) ?? await FailAsync(errors, problems).ConfigureAwait(false);
            }
        }

        return await FailAsync(errors, problems).ConfigureAwait(false);
    }

    /// <summary>System.CommandLine's help for the command, with the exit codes in its description.</summary>
    public static string Usage()
    {
        using var help = new StringWriter(CultureInfo.InvariantCulture);
        Root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = help });
        return help.ToString();
    }

    private static RootCommand Build()
    {
        var root = new RootCommand(
            "Compares X-Ray's copy of each trace with the local one, for CI.\n"
            + "dotnet run --project tools/TraceCompare -- --local <url|export.zip> --xray <batch-get-traces.json> [options]\n"
            + "The local side is the running Aspire dashboard (--local http://127.0.0.1:18888, its telemetry API; --api-key or\n"
            + $"env {ApiKeyVariable} carries its API key) or the zip the Aspire dashboard's \"Export telemetry\" writes\n"
            + "(traces/*.json). Exit codes: 0 all traces pass, 1 a difference exceeds the tolerances, 2 bad arguments.");
        foreach (var option in Options)
        {
            root.Options.Add(option);
        }

        Validate(Local, _ => null);
        Validate(XRayFile, _ => null);
        Validate(ApiKey, _ => null);
        Validate(MaxTimingDelta, text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && double.IsFinite(ms) && ms >= 0
                ? null
                : $"--max-timing-delta-ms {Echo.Quoted(text)} is not allowed; use a number of milliseconds, 0 or more");
        Validate(TraceId, text => XRayTraceId.Normalize(text) is null
            ? $"--trace-id {Echo.Quoted(text)} is not a trace id; allowed: 32 hex digits or 1-{{8 hex}}-{{24 hex}}"
            : null);
        return root;
    }

    private static Option<string> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    /// <summary>The option's one validator: <paramref name="problem"/> says what is wrong with a value, or null.</summary>
    private static void Validate(Option<string> option, Func<string, string?> problem) =>
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && problem(result.Tokens[0].Value) is { } message)
            {
                result.AddError(message);
            }
        });

    /// <summary>The parse's problems in the command's words, System.CommandLine's own included.</summary>
    private static List<string> Problems(ParseResult result)
    {
        var problems = ParseProblems.Describe(result, new ParseWords(
            token => $"unknown flag {token}; allowed: {string.Join(", ", Options.Select(o => o.Name).Append("--help"))}",
            token => $"{token} follows no flag; allowed: a value right after its flag, e.g. --xray batch-get-traces.json",
            option => $"{option.Option.Name} needs a value: {option.Option.Name} <{option.Option.HelpName}>",
            option => $"{option.Option.Name} {ParseProblems.Repeats(option)}; give it once"));
        if (result.GetResult(Local) is null)
        {
            problems.Add("--local <url|export.zip> is required: the Aspire dashboard's URL (http://127.0.0.1:18888) or its telemetry export zip");
        }

        if (result.GetResult(XRayFile) is null)
        {
            problems.Add("--xray <batch-get-traces.json> is required: the output of aws xray batch-get-traces");
        }

        return problems;
    }

    private static async Task<int?> CompareAsync(CompareArguments a, LocalSource local, XRayImport xray, TextWriter output, TextWriter progress, List<string> problems)
    {
        var traces = xray.Traces;
        if (a.TraceId is { } wanted)
        {
            traces = [.. traces.Where(t => string.Equals(t.Id, wanted, StringComparison.Ordinal))];
            if (traces.Count == 0)
            {
                problems.Add($"--trace-id {Echo.Quoted(a.RawTraceId!)} is not in {Echo.Quoted(a.XRay)}; traces there: {Ids(xray.Traces.Select(t => t.Id))}");
                return null;
            }
        }

        if (traces.Count == 0)
        {
            problems.Add($"--xray {Echo.Quoted(a.XRay)} holds no traces with segments (get-trace-summaries output has none; use batch-get-traces output)");
            return null;
        }

        var tolerances = new CompareTolerances { MaxTimingDeltaMs = a.MaxTimingDeltaMs };
        var passed = true;
        long compared = 0;
        await using var line = ProgressLine.Start(progress, $"comparing {traces.Count} traces", total: null, () => compared, unit: "compared");
        foreach (var trace in traces)
        {
            compared++;
            LocalTrace? found;
            try
            {
                found = XRayTraceId.TryParse(trace.Id, out var id) ? await local.GetAsync(id, CancellationToken.None).ConfigureAwait(false) : null;
            }
            catch (UpstreamException ex)
            {
                problems.Add($"--local {Echo.Quoted(a.Local)}: {ex.Message}");
                return null;
            }

            if (found is null)
            {
                problems.Add($"trace {trace.Id} of --xray {Echo.Quoted(a.XRay)} is not in --local {Echo.Quoted(a.Local)}{(local.KnownIds.Count > 0 ? $"; traces there: {Ids(local.KnownIds)}" : "")}");
                return null;
            }

            var report = TraceComparer.Compare(trace.Id, found.ResourceSpans, trace, TraceComparer.Translator, tolerances);
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
            problems.Add($"--xray {Echo.Quoted(path)} cannot be read: {ex.Message}");
            return null;
        }

        var result = XRayImportParser.Parse(bytes);
        if (!result.Succeeded)
        {
            problems.Add($"--xray {Echo.Quoted(path)} is not aws xray batch-get-traces output: {result.Error.Message}");
            return null;
        }

        return result.Import;
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

    private sealed record CompareArguments(string Local, string XRay, string? ApiKey, string? RawTraceId, string? TraceId, double MaxTimingDeltaMs)
    {
        /// <summary>The values of a parse without problems.</summary>
        public static CompareArguments From(ParseResult result, Option<string>[] options)
        {
            string? Raw(Option<string> option) => result.GetResult(option) is { Tokens: [var token] } ? token.Value : null;
            var rawTraceId = Raw(options[4]);
            return new CompareArguments(
                Raw(options[0])!,
                Raw(options[1])!,
                Raw(options[2]),
                rawTraceId,
                rawTraceId is null ? null : XRayTraceId.Normalize(rawTraceId),
                Raw(options[3]) is { } ms ? double.Parse(ms, NumberStyles.Float, CultureInfo.InvariantCulture) : new CompareTolerances().MaxTimingDeltaMs);
        }
    }
}
