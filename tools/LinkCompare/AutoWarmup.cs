using System.Collections.Concurrent;
using System.Globalization;
using TracingLab.LinkCompare.Load;
using TracingLab.LinkCompare.Recording;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// <c>--warmup auto</c>: the same open-loop traffic as the run, in one-second slices, until the links' median latency
/// settles (<see cref="WarmupWatch"/>) or <see cref="CompareOptions.AutoWarmupLimit"/> has passed. Nothing is recorded.
/// </summary>
internal static class AutoWarmup
{
    /// <summary>Warms the lab up; returns a note for the report saying how long it took and how the medians moved.</summary>
    public static async Task<string> RunAsync(
        CompareOptions options, IReadOnlyList<string> scheduled, Func<ScheduledRequest, Task<ProbeOutcome>> send, TextWriter stdout, CancellationToken ct)
    {
        await stdout.WriteLineAsync(
            $"warmup: at {options.Rate:0.##}/s per link until the median latency settles (at most {options.Warmup.TotalSeconds:0} s; not recorded)").ConfigureAwait(false);
        var watch = new WarmupWatch();
        var slices = (int)Math.Ceiling(options.Warmup / CompareOptions.AutoWarmupSlice);
        for (var slice = 0; slice < slices && !watch.IsSteady; slice++)
        {
            // The floor is warmed with the links but does not decide when they are warm.
            var latencies = new ConcurrentBag<double>();
            await options.Scheduler(CompareOptions.AutoWarmupSlice, scheduled).RunAsync(
                async r =>
                {
                    var outcome = await send(r).ConfigureAwait(false);
                    if (outcome.Succeeded && options.Links.Contains(r.Link, StringComparer.Ordinal))
                    {
                        latencies.Add(outcome.Latency.TotalMilliseconds);
                    }
                }, ct).ConfigureAwait(false);
            watch.AddSlice(latencies);
        }

        var medians = string.Join(" → ", watch.Medians.Select(m => double.IsNaN(m) ? "no answers" : m.ToString("0.00", CultureInfo.InvariantCulture)));
        var note = watch.IsSteady
            ? $"Warm-up: steady after {watch.Medians.Count} s; median latency per 1 s slice (ms): {medians}."
            : $"Warm-up: not steady after {watch.Medians.Count} s (the limit); the run may still include the services' warm-up drift. Median latency per 1 s slice (ms): {medians}.";
        await stdout.WriteLineAsync(note).ConfigureAwait(false);
        return note;
    }
}
