using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace TracingLab.Lab.Benchmarks;

/// <summary>What a soak saw, and its report.</summary>
internal sealed class SoakResult(BenchOptions options, TimeSpan budget, string loadAtStart, TimeSpan toUp)
{
    // A request answered 200 just after the kill had its servicec hop done just before it.
    private static readonly TimeSpan AnsweredAfterKill = TimeSpan.FromSeconds(1);
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public ConcurrentBag<SoakRequest> Requests { get; } = [];

    public ConcurrentQueue<ProcessSample> Samples { get; } = new();

    public ConcurrentQueue<string?> SwitchErrors { get; } = new();

    public List<TraceCheck> Traces { get; set; } = [];

    public TimeSpan KilledAt { get; set; }

    public List<int> Killed { get; set; } = [];

    public TimeSpan? ServiceCSpawnedAt { get; set; }

    public TimeSpan? ServiceCHealthyAt { get; set; }

    public TimeSpan SwitchedOffAt { get; set; }

    public TimeSpan SwitchedOnAt { get; set; }

    public ConcurrentQueue<string?> FaultErrors { get; } = new();

    public TimeSpan FaultedAt { get; set; }

    public TimeSpan ClearedAt { get; set; }

    public long DashboardTraceCount { get; set; }

    public long DashboardSpanCount { get; set; }

    public string LoadAtEnd { get; set; } = "";

    // A link or a callee that fails is answered with a 502 problem naming the hop; any other 5xx is the lab's own bug.
    public bool Holds =>
        Requests.All(r => r.Status > 0 && r.AnsweredAt - r.SentAt <= budget && r.Status is < 500 or 502)
        && SwitchErrors.All(e => e is null)
        && FaultErrors.All(e => e is null)
        && Incomplete().All(Allowed)
        && Traces.All(t => !t.LookupFailed);

    private int ExpectedSpans => !Traces.Any(t => !t.LookupFailed) ? 0 : Traces.Where(t => !t.LookupFailed).GroupBy(t => t.Spans).MaxBy(g => g.Count())!.Key;

    public string Render()
    {
        var b = new StringBuilder();
        var all = Requests.OrderBy(r => r.SentAt).ToList();
        var ok = all.Where(r => r.Status == 200).ToList();
        var latencies = ok.Select(r => (r.AnsweredAt - r.SentAt).TotalMilliseconds).Order().ToList();
        var slowest = all.Max(r => r.AnsweredAt - r.SentAt);
        b.AppendLine(C, $"Soak: open-loop /lab/hops over {string.Join(", ", TracingLab.Contracts.Links.LinkNames.All)} at {options.Rate}/s each for {options.Duration.TotalSeconds:0} s; up after {toUp.TotalSeconds:F1} s; load average {loadAtStart} at start, {LoadAtEnd} at the end.");
        b.AppendLine();
        b.AppendLine("| requests | 200 | problems (status: count) | unanswered within budget | not sent | slowest answer | 200 p50 / p99 / max ms |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        b.AppendLine(C,
            $"| {all.Count} | {ok.Count} | {string.Join(", ", all.Where(r => r.Status >= 400).GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))} " +
            $"({all.Count(r => r.Status >= 400 && r.IsProblem)} as problem+json) | {all.Count(r => r.Status == 0)} (budget {budget.TotalSeconds:0} s) | {all.Count(r => r.Status < 0)} | " +
            $"{slowest.TotalSeconds:F2} s | {Stats.Percentile(latencies, 0.5):F1} / {Stats.Percentile(latencies, 0.99):F1} / {latencies.LastOrDefault():F1} |");
        foreach (var odd in all.Where(r => r.Status is not 200 and not 502).GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            var first = odd.MinBy(r => r.SentAt)!;
            b.AppendLine(C, $"- {odd.Key}: {odd.Count()}, the first sent at {first.SentAt.TotalSeconds:F1} s ({(first.SentAt - KilledAt).TotalSeconds:+0.0;-0.0} s from the kill) via {first.Link}: \"{Short(first.Detail)}\"");
        }

        b.AppendLine();
        RenderKill(b, all);
        RenderSwitch(b, all);
        RenderFault(b, all);
        RenderTraces(b, ok.Count);
        RenderProcesses(b);
        b.AppendLine(C, $"Verdict: {(Holds ? "holds" : "**does not hold**")} (every request answered within its budget with a 200 or a 502 problem, switch and fault commands succeeded, every incomplete trace explained by the kill).");
        return b.ToString();
    }

    private void RenderKill(StringBuilder b, List<SoakRequest> all)
    {
        var afterKill = all.Where(r => r.SentAt >= KilledAt).ToList();
        var first = afterKill.Where(r => r.Status == 200).MinBy(r => r.AnsweredAt);
        var failed = all.Where(r => r.Status != 200 && r.SentAt >= KilledAt - TimeSpan.FromSeconds(1) && (first is null || r.SentAt <= first.AnsweredAt)).ToList();
        string Rel(TimeSpan? t) => t is { } v ? string.Create(C, $"+{(v - KilledAt).TotalSeconds:F2} s") : "never";
        b.AppendLine(C, $"Kill: servicec (pids {string.Join(", ", Killed)}) SIGKILLed at {KilledAt.TotalSeconds:F1} s. From the kill:");
        b.AppendLine(C, $"- a new servicec process: {Rel(ServiceCSpawnedAt)} (the auto-restart back-off, then DCP starts the project);");
        b.AppendLine(C, $"- its /health answers 200: {Rel(ServiceCHealthyAt)} (process start to listening: {(ServiceCSpawnedAt is { } s && ServiceCHealthyAt is { } h ? (h - s).TotalSeconds.ToString("F2", C) + " s" : "?")});");
        b.AppendLine(C, $"- the first /lab/hops sent after the kill answered 200: {Rel(first?.AnsweredAt)} ({(first is not null && ServiceCHealthyAt is { } hh ? (first.AnsweredAt - hh).TotalSeconds.ToString("F2", C) + " s after servicec was healthy: the callers' circuit breakers and connection pools" : "?")});");
        foreach (var link in all.Select(r => r.Link).Distinct().Order())
        {
            var f = afterKill.Where(r => r.Link == link && r.Status == 200).MinBy(r => r.AnsweredAt);
            b.AppendLine(C, $"  - via {link}: {Rel(f?.AnsweredAt)}");
        }

        b.AppendLine(C, $"- answered with a problem meanwhile: {failed.Count} ({string.Join(", ", failed.GroupBy(r => r.Status).Select(g => $"{g.Key}: {g.Count()}"))}); e.g. \"{Short(failed.FirstOrDefault(r => r.Detail is not null)?.Detail)}\"");
        b.AppendLine();
    }

    private void RenderSwitch(StringBuilder b, List<SoakRequest> all)
    {
        var during = all.Where(r => r.SentAt >= SwitchedOffAt && r.SentAt < SwitchedOnAt).ToList();
        var over = during.Where(r => r.Link == SoakBenchmark.SwitchedLink).ToList();
        var others = during.Where(r => r.Link != SoakBenchmark.SwitchedLink).ToList();
        var back = all.Where(r => r.Link == SoakBenchmark.SwitchedLink && r.SentAt >= SwitchedOnAt && r.Status == 200).MinBy(r => r.AnsweredAt);
        b.AppendLine(C, $"Switch: {SoakBenchmark.SwitchedLink} switched off at {SwitchedOffAt.TotalSeconds:F1} s and on at {SwitchedOnAt.TotalSeconds:F1} s through its resource commands (Aspire's auxiliary backchannel, as the Aspire CLI runs them): {string.Join("; ", SwitchErrors.Select(e => e ?? "succeeded"))}.");
        b.AppendLine(C, $"- over {SoakBenchmark.SwitchedLink} while off: {over.Count} requests, {over.Count(r => r.Status == 200)} 200, {over.Count(r => r.IsProblem)} problems (e.g. \"{Short(over.FirstOrDefault(r => r.Detail is not null)?.Detail)}\");");
        b.AppendLine(C, $"- over the other links meanwhile: {others.Count} requests, {others.Count(r => r.Status == 200)} 200;");
        b.AppendLine(C, $"- first 200 over {SoakBenchmark.SwitchedLink} after switch-on: {(back is null ? "never" : $"+{(back.AnsweredAt - SwitchedOnAt).TotalSeconds:F2} s")}.");
        b.AppendLine();
    }

    private void RenderFault(StringBuilder b, List<SoakRequest> all)
    {
        var fault = options.Fault;
        var inside = all.Where(r => r.SentAt >= FaultedAt && r.SentAt < ClearedAt).ToList();
        var outside = all.Where(r => r.SentAt < FaultedAt || r.SentAt >= ClearedAt).ToList();
        var over = inside.Where(r => r.Link == fault.Link).ToList();
        var others = inside.Where(r => r.Link != fault.Link).ToList();
        var naming = over.Count(r => r.IsProblem && r.Detail is not null && r.Detail.Contains(fault.Link, StringComparison.Ordinal));
        var back = all.Where(r => r.Link == fault.Link && r.SentAt >= ClearedAt && r.Status == 200).MinBy(r => r.AnsweredAt);
        string InBudget(List<SoakRequest> requests) =>
            string.Create(C, $"{requests.Count(r => r.Status > 0 && r.AnsweredAt - r.SentAt <= budget)} of {requests.Count} answered within the budget");
        string Slowest(List<SoakRequest> requests) =>
            requests.Count == 0 ? "-" : string.Create(C, $"{requests.Max(r => r.AnsweredAt - r.SentAt).TotalSeconds:F2} s");
        b.AppendLine(C, $"Fault: {fault} injected at {FaultedAt.TotalSeconds:F1} s and cleared at {ClearedAt.TotalSeconds:F1} s through the link's inject-fault and clear-faults commands (the same backchannel): {string.Join("; ", FaultErrors.Select(e => e ?? "succeeded"))}.");
        b.AppendLine(C, $"- inside the window: {inside.Count} requests, {InBudget(inside)}, slowest {Slowest(inside)};");
        b.AppendLine(C, $"  - over {fault.Link}: {over.Count}: {over.Count(r => r.Status == 200)} 200, {over.Count(r => r.IsProblem)} problems ({string.Join(", ", over.Where(r => r.Status >= 400).GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}), {naming} of them naming {fault.Link}, {over.Count(r => r.Status <= 0)} unanswered; e.g. \"{Short(over.FirstOrDefault(r => r.Detail is not null)?.Detail)}\"");
        b.AppendLine(C, $"  - over the other links: {others.Count}: {others.Count(r => r.Status == 200)} 200, {others.Count(r => r.Status != 200)} not;");
        b.AppendLine(C, $"- outside the window: {outside.Count} requests, {InBudget(outside)}, slowest {Slowest(outside)};");
        b.AppendLine(C, $"- first 200 over {fault.Link} after the clear: {(back is null ? "never" : $"+{(back.AnsweredAt - ClearedAt).TotalSeconds:F2} s")}.");
        b.AppendLine();
    }

    private void RenderTraces(StringBuilder b, int oks)
    {
        var incomplete = Incomplete().ToList();
        var allowed = incomplete.Where(Allowed).ToList();
        b.AppendLine(C, $"Traces: {Traces.Count} of {oks} 200s looked up in the dashboard (GET /api/telemetry/traces/{{id}}); it holds {DashboardTraceCount} traces and {DashboardSpanCount} spans in all.");
        if (Traces.Any(t => t.LookupFailed))
        {
            b.AppendLine(C, $"- not looked up: {Traces.Count(t => t.LookupFailed)} (the dashboard did not answer within 60 s in three tries);");
        }

        b.AppendLine(C, $"- complete (spans of servicea, serviceb and servicec, at least the usual {ExpectedSpans} spans): {Traces.Count(t => !t.LookupFailed) - incomplete.Count};");
        b.AppendLine(C, $"- incomplete: {incomplete.Count}, of which {allowed.Count} lack only servicec's spans (all or some) and form the tail before the kill (still in its exporter when it died); {incomplete.Count - allowed.Count} unexplained.");
        if (allowed.Count > 0)
        {
            b.AppendLine(C,
                $"- that tail: answered from {(allowed.Min(t => t.Request.AnsweredAt) - KilledAt).TotalSeconds:F2} s to {(allowed.Max(t => t.Request.AnsweredAt) - KilledAt).TotalSeconds:+0.00;-0.00} s from the kill; " +
                $"the last complete trace before it was answered at {(LastCompleteBeforeKill - KilledAt).TotalSeconds:F2} s, so servicec had exported everything up to then and nothing after.");
        }
        var shown = incomplete.Where(t => !Allowed(t)).Take(10)
            .Concat(allowed.OrderBy(t => t.Request.AnsweredAt).Take(2))
            .Concat(allowed.OrderBy(t => t.Request.AnsweredAt).TakeLast(2))
            .Distinct();
        foreach (var t in shown.OrderBy(t => t.Request.AnsweredAt))
        {
            b.AppendLine(C,
                $"  - {t.Request.TraceId} via {t.Request.Link}, answered at {(t.Request.AnsweredAt - KilledAt).TotalSeconds:+0.00;-0.00;0.00} s from the kill: " +
                $"{(t.Spans == 0 ? "not in the dashboard" : string.Join(", ", SoakBenchmark.ServiceNames.Select(s => $"{s} {t.SpansByService.GetValueOrDefault(s)}")))}{(Allowed(t) ? "" : "  UNEXPLAINED")}");
        }

        b.AppendLine();
    }

    private void RenderProcesses(StringBuilder b)
    {
        var samples = Samples.ToList();
        if (samples.Count < 3)
        {
            return;
        }

        var roles = samples.SelectMany(s => s.ByRole.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var third = samples.Count / 3;
        b.AppendLine(C, $"Processes, sampled from /proc every 5 s ({samples.Count} samples): RSS MiB and CPU (share of one core) per role.");
        b.AppendLine();
        b.AppendLine("| role | RSS first | RSS middle | RSS last | RSS max | CPU first third | CPU last third |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var role in roles)
        {
            double Rss(ProcessSample s) => s.ByRole.GetValueOrDefault(role).RssMiB;
            string Cpu(ProcessSample from, ProcessSample to)
            {
                // A restarted process starts its CPU count again at zero: such a span is left out.
                var spent = to.ByRole.GetValueOrDefault(role).CpuMs - from.ByRole.GetValueOrDefault(role).CpuMs;
                return spent < 0 ? "restarted" : (spent / (to.At - from.At).TotalMilliseconds).ToString("P0", C);
            }

            b.AppendLine(C, $"| {role} | {Rss(samples[1]):F0} | {Rss(samples[samples.Count / 2]):F0} | {Rss(samples[^1]):F0} | {samples.Max(Rss):F0} | {Cpu(samples[1], samples[third])} | {Cpu(samples[^third], samples[^1])} |");
        }

        b.AppendLine();
    }

    private IEnumerable<TraceCheck> Incomplete() => Traces.Where(t => !t.LookupFailed && IsIncomplete(t));

    // Lost with servicec: its spans were still in its exporter (the batch being sent and the one gathering) when it was
    // killed. Such traces lack only servicec's spans, all or (a batch boundary between them) some, and form the tail
    // just before the kill: answered after the last trace whose servicec spans did arrive. A trace missing spans
    // anywhere else is unexplained.
    private bool Allowed(TraceCheck t) =>
        t.Request.AnsweredAt > LastCompleteBeforeKill && t.Request.AnsweredAt <= KilledAt + AnsweredAfterKill
        && t.SpansByService.GetValueOrDefault("servicea") > 0 && t.SpansByService.GetValueOrDefault("serviceb") > 0
        && t.SpansByService.GetValueOrDefault("servicec") < UsualServiceCSpans
        && t.Spans - t.SpansByService.GetValueOrDefault("servicec") == ExpectedSpans - UsualServiceCSpans;

    // servicec's share of a complete trace (2 spans today: its server span and its own).
    private int UsualServiceCSpans => _usualC ??= Traces.Where(t => !t.LookupFailed && !IsIncomplete(t))
        .GroupBy(t => t.SpansByService.GetValueOrDefault("servicec")).MaxBy(g => g.Count())?.Key ?? 0;

    private int? _usualC;

    private TimeSpan LastCompleteBeforeKill =>
        _lastComplete ??= Traces.Where(t => t.Request.AnsweredAt <= KilledAt && !t.LookupFailed && !IsIncomplete(t)).Select(t => t.Request.AnsweredAt).DefaultIfEmpty(TimeSpan.Zero).Max();

    private TimeSpan? _lastComplete;

    private bool IsIncomplete(TraceCheck t) => t.Spans < ExpectedSpans || SoakBenchmark.ServiceNames.Any(s => t.SpansByService.GetValueOrDefault(s) == 0);

    private static string Short(string? text) => text is null ? "" : text.Length <= 160 ? text : text[..160] + "…";
}
