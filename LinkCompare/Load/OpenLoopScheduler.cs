namespace TracingLab.LinkCompare.Load;

/// <summary>
/// Open-loop load: requests go out on a fixed schedule whatever the answers do, so a slow answer never holds the next
/// request back (no coordinated omission). At each tick every link gets one request at the same moment; the order of
/// the links rotates per tick so no link is always first. When the scheduler itself falls behind (a busy machine), it
/// issues the missed ticks at once, each still carrying its intended time, so the delay shows up in the latency.
/// </summary>
public sealed class OpenLoopScheduler
{
    private readonly TimeProvider _time;
    private readonly OpenLoopPlan _plan;
    private readonly TimeSpan _spinWindow;

    /// <summary>Creates a scheduler for a valid <paramref name="plan"/> on <paramref name="time"/>.</summary>
    /// <param name="plan">What to send.</param>
    /// <param name="time">The clock; tests pass a fake one.</param>
    /// <param name="spinWindow">
    /// How long before each tick to stop sleeping and spin instead. Timers fire a millisecond or more late, and that
    /// lateness would be charged to every request; spinning the last stretch keeps ticks on time for a little CPU.
    /// Only for a real clock: a fake clock never moves while the scheduler spins. Default: none.
    /// </param>
    /// <exception cref="ArgumentException">The plan is invalid; the message lists every problem.</exception>
    public OpenLoopScheduler(OpenLoopPlan plan, TimeProvider time, TimeSpan spinWindow = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(plan));
        }

        _plan = plan;
        _time = time;
        _spinWindow = spinWindow < TimeSpan.Zero ? TimeSpan.Zero : spinWindow;
    }

    /// <summary>
    /// Issues every request of the plan through <paramref name="send"/> (called on the scheduler's loop, so it must
    /// return quickly: start the I/O and return its task) and waits for every returned task.
    /// </summary>
    public async Task<ScheduleResult> RunAsync(Func<ScheduledRequest, Task> send, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        var links = _plan.Links;
        var ticks = _plan.TickCount;
        var frequency = (double)_time.TimestampFrequency;
        var pending = new List<Task>((int)Math.Min(ticks * links.Count, 8192));
        long issued = 0, late = 0;
        long maxLag = 0;
        double lagSum = 0;
        var periodTicks = frequency / _plan.RatePerLink;

        var start = _time.GetTimestamp();
        for (long tick = 0; tick < ticks; tick++)
        {
            // Computed from the start, not accumulated, so rounding never drifts the schedule.
            var intended = start + (long)Math.Round(tick * periodTicks);
            var wait = intended - _time.GetTimestamp() - (long)(_spinWindow.TotalSeconds * frequency);
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait / frequency), _time, ct).ConfigureAwait(false);
            }

            if (_spinWindow > TimeSpan.Zero)
            {
                var spinner = default(SpinWait);
                while (_time.GetTimestamp() < intended)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }
            }

            ct.ThrowIfCancellationRequested();
            var now = _time.GetTimestamp();
            var lag = Math.Max(0, now - intended);
            for (var position = 0; position < links.Count; position++)
            {
                var link = links[(int)((tick + position) % links.Count)];
                pending.Add(send(new ScheduledRequest(link, tick, position, intended, now)));
            }

            issued += links.Count;
            lagSum += (double)lag * links.Count;
            maxLag = Math.Max(maxLag, lag);
            if (lag >= periodTicks)
            {
                late += links.Count;
            }

            if (pending.Count >= 4096)
            {
                pending.RemoveAll(t => t.IsCompletedSuccessfully);
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        return new ScheduleResult(
            issued,
            late,
            TimeSpan.FromSeconds(maxLag / frequency),
            TimeSpan.FromSeconds(issued == 0 ? 0 : lagSum / issued / frequency),
            _time.GetElapsedTime(start));
    }
}
