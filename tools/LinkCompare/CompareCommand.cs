using System.Globalization;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Cost;
using TracingLab.LinkCompare.Faults;
using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Load;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Recording;
using TracingLab.LinkCompare.Report;
using TracingLab.Tools;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// The compare command: preflight → warmup (not recorded) → measured open-loop run → per-hop spans from the Aspire dashboard
/// → relays and flow records → cost → report → run posted to the lab console → summary on the console.
/// </summary>
public static class CompareCommand
{
    /// <summary>Exit code of a written report.</summary>
    public const int Ok = 0;

    /// <summary>Exit code of a run that failed after the checks.</summary>
    public const int Failed = 1;

    /// <summary>Exit code of a bad flag or an unusable target.</summary>
    public const int BadUsage = 2;

    /// <summary>Runs the command as the CLI does; <paramref name="environment"/> defaults to the process environment.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        CompareOptions options;
        try
        {
            options = CompareArguments.Parse(args, environment ?? System.Environment.GetEnvironmentVariable, DateTimeOffset.UtcNow);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"link compare: {e.Message}").ConfigureAwait(false);
            return BadUsage;
        }

        if (options.Help)
        {
            CompareArguments.WriteHelp(stdout);
            return Ok;
        }

        PriceList prices;
        try
        {
            prices = options.PricesFile is null ? PriceFile.LoadDefault() : PriceFile.Load(options.PricesFile);
        }
        catch (PriceFileException e)
        {
            await stderr.WriteLineAsync($"link compare: --prices: {e.Message}").ConfigureAwait(false);
            return BadUsage;
        }

        using var http = LabHttp.Create();
        if (options.SelfBench)
        {
            return await SelfBench.RunAsync(options, http, stdout, ct).ConfigureAwait(false);
        }

        try
        {
            return await CompareAsync(options, prices, http, stdout, stderr, ct).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"link compare: {e.Message}").ConfigureAwait(false);
            return BadUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"link compare: the report could not be written to '{options.OutDirectory}': {e.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static async Task<int> CompareAsync(CompareOptions options, PriceList prices, HttpClient http, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var target = options.Target!;
        var notes = new List<string>();
        var preflightTimeout = TimeSpan.FromSeconds(Math.Min(options.Timeout.TotalSeconds, 5));
        notes.AddRange(await Preflight.CheckAsync(http, target, options.Links, preflightTimeout, ct).ConfigureAwait(false));
        var sender = new ProbeSender(http, target, options.Timeout, TimeProvider.System);

        // The floor starts before the warmup and is warmed with the links, so its first measured call does not open a connection.
        await using var floor = options.Floor ? await FloorResponder.StartAsync(ct).ConfigureAwait(false) : null;
        var floorSender = floor is null ? null : new ProbeSender(http, floor.Url, options.Timeout, TimeProvider.System);
        IReadOnlyList<string> scheduled = floor is null ? options.Links : [.. options.Links, FloorResponder.Link];
        Task<ProbeOutcome> Send(ScheduledRequest r) => (floorSender is not null && r.Link == FloorResponder.Link ? floorSender : sender).SendAsync(r, ct);
        if (options.AutoWarmup)
        {
            await using (ProgressLine.Start(stderr, "warmup", CompareOptions.AutoWarmupLimit))
            {
                notes.Add(await AutoWarmup.RunAsync(options, scheduled, Send, stdout, ct).ConfigureAwait(false));
            }
        }
        else if (options.Warmup > TimeSpan.Zero)
        {
            await stdout.WriteLineAsync($"warmup: {options.Warmup.TotalSeconds:0.#} s at {options.Rate:0.##}/s per link (not recorded)").ConfigureAwait(false);
            await using (ProgressLine.Start(stderr, "warmup", options.Warmup))
            {
                await options.Scheduler(options.Warmup, scheduled).RunAsync(Send, ct).ConfigureAwait(false);
            }
        }

        await stdout.WriteLineAsync($"measuring: {options.Duration.TotalSeconds:0.#} s at {options.Rate:0.##}/s per link over {string.Join(", ", options.Links)}").ConfigureAwait(false);
        var recorder = new RunRecorder(options.Links, options.TraceSample);
        var floorSamples = new SampleReservoir();
        var lagSamples = new SampleReservoir();
        var started = DateTimeOffset.UtcNow;
        var startedTimestamp = TimeProvider.System.GetTimestamp();
        var timeline = new RequestTimeline();
        var tracker = new FaultWindowTracker();
        var runId = RunId(started);
        LabClient? lab = options.Dashboard is null && options.Console is null ? null : new LabClient(http, options.Dashboard, options.Console, options.ApiKey, TimeSpan.FromSeconds(10));
        var scheduler = options.Scheduler(options.Duration, scheduled);
        ScheduleResult schedule;
        long sent = 0;
        using (var measuring = CancellationTokenSource.CreateLinkedTokenSource(ct))
        await using (ProgressLine.Start(stderr, "measuring", options.Duration, () => Interlocked.Read(ref sent)))
        {
            var live = lab is null || options.Console is null ? Task.FromResult<string?>(null) : new LivePoster(lab, options, recorder, runId, started, TimeProvider.System).RunAsync(measuring.Token);
            var watch = lab is null || options.Console is null ? Task.FromResult<string?>(null) : new FaultWatch(lab, tracker, TimeProvider.System).RunAsync(measuring.Token);
            schedule = await scheduler.RunAsync(
                async r =>
                {
                    Interlocked.Increment(ref sent);

                    // One lag sample per tick: every request of a tick leaves at the same moment.
                    if (r.Position == 0)
                    {
                        lagSamples.Add((r.StartTimestamp - r.IntendedTimestamp) * 1000.0 / TimeProvider.System.TimestampFrequency);
                    }

                    if (floorSender is not null && r.Link == FloorResponder.Link)
                    {
                        floorSamples.Add((await floorSender.SendAsync(r, ct).ConfigureAwait(false)).Latency.TotalMilliseconds);
                    }
                    else
                    {
                        var outcome = await sender.SendAsync(r, ct).ConfigureAwait(false);
                        recorder.Record(outcome);
                        var sentAt = started + TimeProvider.System.GetElapsedTime(startedTimestamp, r.IntendedTimestamp);
                        timeline.Add(new TimedOutcome(outcome.Link, sentAt, outcome.Latency.TotalMilliseconds, outcome.Succeeded));
                    }
                }, ct).ConfigureAwait(false);
            await measuring.CancelAsync().ConfigureAwait(false);
            if (await live.ConfigureAwait(false) is { } liveNote)
            {
                notes.Add(liveNote);
            }

            if (await watch.ConfigureAwait(false) is { } watchNote)
            {
                notes.Add(watchNote);
            }
        }

        var ended = DateTimeOffset.UtcNow;
        notes.Add(ScheduleNote(schedule, options.Rate));

        IReadOnlyDictionary<string, IReadOnlyList<HopResult>>? traceHops = null;
        LinksSnapshot? links = null;
        if (lab is null)
        {
            notes.Add("No local lab (--dashboard none --console none): per-hop figures come from the probe's own hop reports; no relays or flow records; cost from request + response bytes.");
        }
        else
        {
            // Services export spans in batches (1 s schedule in the lab); give the last ones time to land.
            await Task.Delay(options.TraceWait, ct).ConfigureAwait(false);
            var sample = options.Links.ToDictionary(l => l, recorder.TraceSample, StringComparer.Ordinal);
            var (spans, traceNotes) = await lab.HopSpansAsync(sample, ct).ConfigureAwait(false);
            notes.AddRange(traceNotes);
            traceHops = HopBreakdown.FromTraceSpans(spans);
            foreach (var link in options.Links.Where(l => options.Dashboard is not null && !traceHops.ContainsKey(l)))
            {
                notes.Add($"{link}: no hop spans found in the Aspire dashboard for {sample[link].Count} sampled traces; per-hop figures come from the probe.");
            }

            var (snapshot, linksNote) = await lab.LinksAsync(started, ct).ConfigureAwait(false);
            links = snapshot;
            if (snapshot is not null)
            {
                // The last word on the feed's listed windows (an experiment's end); a fault that began after the run does not overlap it.
                tracker.Observe(DateTimeOffset.UtcNow, snapshot);
            }
            if (linksNote is not null)
            {
                notes.Add(linksNote);
            }
        }

        var results = recorder.Results(traceHops);
        var flows = links?.Flows ?? [];
        var traffic = results.Select(r => flows.Any(f => f.Link == r.Link)
            ? new LinkTraffic(r.Link, FlowBytes.Within(flows, r.Link, started, ended), FromFlows: true, r.Sent * LinkFootprint.Edges)
            : new LinkTraffic(r.Link, r.BytesSent + r.BytesReceived, FromFlows: false, r.Sent * LinkFootprint.Edges)).ToList();
        if (flows.Count(f => f.Start < started) is var early and > 0)
        {
            notes.Add($"{early} of {flows.Count} flow records began before the measured run (connections kept alive from the warmup); the cost counts each record in proportion to its overlap with the run.");
        }

        var cost = CostModel.Compute(prices, traffic, ended - started, options.AvailabilityZones);
        RunFaults? faults = null;
        if (lab is not null && options.Console is not null && tracker.LastObserved is not null)
        {
            faults = FaultFigures.Compute(timeline.Snapshot(), tracker.Windows(started, ended), options.Links, started, ended);
            if (timeline.Dropped > 0)
            {
                notes.Add($"Fault figures: {timeline.Dropped} requests past the first {timeline.Capacity} are not in the inside/outside figures.");
            }
        }

        var run = new CompareRun(
            runId, started, ended, target.ToString(), options.Rate, options.Duration.TotalSeconds, options.Environment,
            results, links?.Relays ?? [], flows, cost, notes,
            new RunSamples(
                options.Seed, options.Resamples, options.Confidence, HopBreakdown.ProbeSource, recorder.Samples(),
                floor is null ? null : floorSamples.Snapshot(FloorResponder.Link, SampleSeries.EndToEnd),
                lagSamples.Snapshot("scheduler", "lag")),
            faults);
        if (lab is not null && await lab.PostRunAsync(run, ct).ConfigureAwait(false) is { } postNote)
        {
            notes.Add(postNote);
            run = run with { Notes = [.. notes] };
        }

        // The bootstrap runs once; the report and the console summary print the same figures from it.
        var comparison = LinkCompare.Statistics.LinkComparison.Compute(run);
        var report = await ReportWriter.WriteAsync(run, comparison, options.OutDirectory, ct).ConfigureAwait(false);
        await ConsoleSummary.WriteAsync(stdout, run, comparison, report).ConfigureAwait(false);
        return Ok;
    }

    private static string ScheduleNote(ScheduleResult s, double rate) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Scheduler: {s.Issued} requests in {s.Elapsed.TotalSeconds:F1} s; {s.LateRequests} issued a period ({1000 / rate:F2} ms) or more after their scheduled time; start lag mean {s.MeanStartLag.TotalMilliseconds:F3} ms, max {s.MaxStartLag.TotalMilliseconds:F3} ms. Latency counts from the scheduled time, so any lag is in the figures.");

    private static string RunId(DateTimeOffset started) =>
        started.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
}
