using System.Globalization;
using TracingLab.LinkCompare.Load;
using TracingLab.LinkCompare.Recording;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// <c>--self-bench</c>: the generator against a minimal local responder on 127.0.0.1:0 (a fixed hops report, no work),
/// so the figures are the generator's own: achieved rate, how late it issued requests, and the latency it measured.
/// </summary>
internal static class SelfBench
{
    public static async Task<int> RunAsync(CompareOptions options, HttpClient http, TextWriter stdout, CancellationToken ct)
    {
        var responder = await FloorResponder.StartAsync(ct).ConfigureAwait(false);
        await using var _ = responder.ConfigureAwait(false);
        var target = responder.Url;

        var sender = new ProbeSender(http, target, options.Timeout, TimeProvider.System);
        var warmup = options.AutoWarmup ? CompareOptions.SelfBenchWarmup : options.Warmup;
        if (warmup > TimeSpan.Zero)
        {
            await options.Scheduler(warmup)
                .RunAsync(r => sender.SendAsync(r, ct), ct).ConfigureAwait(false);
        }

        var recorder = new RunRecorder(options.Links, traceSampleSize: 0);
        var result = await options.Scheduler(options.Duration)
            .RunAsync(async r => recorder.Record(await sender.SendAsync(r, ct).ConfigureAwait(false)), ct).ConfigureAwait(false);

        var c = CultureInfo.InvariantCulture;
        var results = recorder.Results();
        var scheduledRate = options.Rate * options.Links.Count;
        var completed = results.Sum(r => r.Sent);
        var failed = results.Sum(r => r.Failed);
        await stdout.WriteLineAsync(string.Format(c, "self-bench: {0} links × {1:0.##}/s = {2:0.##} requests/s scheduled for {3:0.#} s against {4} ({5} cores)",
            options.Links.Count, options.Rate, scheduledRate, options.Duration.TotalSeconds, target, System.Environment.ProcessorCount)).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Format(c, "achieved: {0} requests answered in {1:F2} s = {2:F1} requests/s ({3} failed)",
            completed, result.Elapsed.TotalSeconds, completed / result.Elapsed.TotalSeconds, failed)).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Format(c, "schedule lag: mean {0:F3} ms, max {1:F3} ms; {2} of {3} requests issued a period ({4:F3} ms) or more late",
            result.MeanStartLag.TotalMilliseconds, result.MaxStartLag.TotalMilliseconds, result.LateRequests, result.Issued, 1000 / options.Rate)).ConfigureAwait(false);
        foreach (var r in results)
        {
            await stdout.WriteLineAsync(string.Format(c, "  {0,-12} sent {1,7}  p50 {2,8:F3} ms  p99 {3,8:F3} ms  p99.9 {4,8:F3} ms  max {5,8:F3} ms",
                r.Link, r.Sent, r.Latency.P50Ms, r.Latency.P99Ms, r.Latency.P999Ms, r.Latency.MaxMs)).ConfigureAwait(false);
        }

        return failed == 0 ? CompareCommand.Ok : CompareCommand.Failed;
    }
}
