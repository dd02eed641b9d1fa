using System.Globalization;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Recording;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// While a run is measured, re-posts it to the lab console on every tick of <paramref name="time"/>'s timer, so the
/// Links page shows the figures so far; the final post replaces it with trace hops, flows and the cost.
/// </summary>
internal sealed class LivePoster(
    LabClient lab, CompareOptions options, RunRecorder recorder, string runId, DateTimeOffset started, TimeProvider time)
{
    /// <summary>How often the run is re-posted while it is measured.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Posts until <paramref name="ct"/> is cancelled; a note when posting had to stop, otherwise null.</summary>
    public async Task<string?> RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await PostOnceAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The measured run ended.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The measurement goes on without live figures; the report says why they stopped.
            return $"Live posts to the lab console stopped during the run: {e.GetType().Name}: {e.Message}";
        }

        return null;
    }

    private async Task PostOnceAsync(CancellationToken ct)
    {
        var results = recorder.Results();
        if (results.All(r => r.Sent == 0))
        {
            return;
        }

        var now = time.GetUtcNow();
        var progress = string.Create(
            CultureInfo.InvariantCulture,
            $"In progress: {(now - started).TotalSeconds:F0} of {options.Duration.TotalSeconds:F0} s measured. Per-hop figures come from the probe until the run ends; then the traces, flow records and cost replace them.");
        var partial = new CompareRun(
            runId, started, now, options.Target!.ToString(), options.Rate, options.Duration.TotalSeconds, options.Environment,
            results, [], [], null, [progress]);
        // A live post that fails is not worth a note: the final post reports its own failure.
        _ = await lab.PostRunAsync(partial, ct).ConfigureAwait(false);
    }
}
