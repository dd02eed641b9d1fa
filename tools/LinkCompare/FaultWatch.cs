using TracingLab.LinkCompare.Faults;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// While a run is measured, polls the lab console's links feed every <see cref="Interval"/> and hands each answer to a
/// <see cref="FaultWindowTracker"/> stamped with the time it came back: the fault windows the report marks.
/// </summary>
internal sealed class FaultWatch(LabClient lab, FaultWindowTracker tracker, TimeProvider time)
{
    /// <summary>How often the feed is polled: an observed window's edges are accurate to this.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Polls once now, then on every tick until <paramref name="ct"/> is cancelled; a note if no poll was answered.</summary>
    public async Task<string?> RunAsync(CancellationToken ct)
    {
        string? failure = null;
        var answered = 0;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                // Flow records are not wanted here: ask only for those ending from now on.
                var (snapshot, note) = await lab.LinksAsync(time.GetUtcNow(), ct).ConfigureAwait(false);
                if (snapshot is not null)
                {
                    tracker.Observe(time.GetUtcNow(), snapshot);
                    answered++;
                }
                else
                {
                    failure ??= note;
                }
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The measured run ended.
        }

        return answered == 0 && failure is not null ? $"Fault windows: the links feed was never read during the run, so none are marked ({failure})" : null;
    }
}
