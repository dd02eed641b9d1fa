using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using TracingLab.Relay;

namespace TracingLab.LinkRelay.Benchmarks;

/// <summary>The delay line alone: how late a wait for "now + delay" completes, without any socket.</summary>
internal static class WaiterBench
{
    public static async Task<string> RunAsync(double delayMs, int waits)
    {
        var late = new LongHistogram(10_000_000_000, 3);
        var delay = (long)(delayMs * Stopwatch.Frequency / 1000);
        for (var i = 0; i < waits; i++)
        {
            var due = Stopwatch.GetTimestamp() + delay;
            await PreciseWaiter.Shared.WaitUntilAsync(due, CancellationToken.None);
            late.RecordValue(Math.Max(0, (Stopwatch.GetTimestamp() - due) * 1_000_000_000 / Stopwatch.Frequency));
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"Delay line alone ({waits} waits of {delayMs} ms): lateness p50 {late.GetValueAtPercentile(50) / 1000.0:0.0} µs, p90 {late.GetValueAtPercentile(90) / 1000.0:0.0} µs, p99 {late.GetValueAtPercentile(99) / 1000.0:0.0} µs.");
    }
}
