namespace TracingLab.LinkCompare.Load;

/// <summary>
/// Open-loop load: requests go out on a fixed schedule whatever the answers do, so a slow answer never holds the next
/// request back (no coordinated omission). At each tick every link gets one request at the same moment, in an order
/// that runs through every permutation of the links (<see cref="Order"/>), so over a run each link is issued in each
/// place equally often and each link goes before each other link as often as after it. When the scheduler itself
/// falls behind (a busy machine), it issues the missed ticks at once, each still carrying its intended time, so the
/// delay shows up in the latency.
/// </summary>
public sealed class OpenLoopScheduler
{
    /// <summary>The most a wake is moved earlier to make up for late timers (with a spin window only).</summary>
    public static readonly TimeSpan MaxWakeLate = TimeSpan.FromMilliseconds(5);

    /// <summary>The most requests one tick can order (20! is the largest factorial a long holds).</summary>
    public const int MaxOrderedLinks = 20;

    private readonly TimeProvider _time;
    private readonly OpenLoopPlan _plan;
    private readonly TimeSpan _spinWindow;

    /// <summary>Creates a scheduler for a valid <paramref name="plan"/> on <paramref name="time"/>.</summary>
    /// <param name="plan">What to send.</param>
    /// <param name="time">The clock; tests pass a fake one.</param>
    /// <param name="spinWindow">
    /// How long before each tick to stop sleeping and spin instead. Timers fire a millisecond or more late, and that
    /// lateness would be charged to every request; spinning the last stretch keeps ticks on time for a little CPU.
    /// Only for a real clock: a fake clock never moves while the scheduler spins. With a spin window, each wake is also
    /// asked for earlier by how late the timers have been waking (at most <see cref="MaxWakeLate"/>). Default: none.
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
        var order = new int[links.Count];
        var ticks = _plan.TickCount;
        var frequency = (double)_time.TimestampFrequency;
        var pending = new List<Task>((int)Math.Min(ticks * links.Count, 8192));
        long issued = 0, late = 0;
        long maxLag = 0;
        double lagSum = 0;
        var periodTicks = frequency / _plan.RatePerLink;

        var spinTicks = (long)(_spinWindow.TotalSeconds * frequency);
        var maxWakeLate = (long)(MaxWakeLate.TotalSeconds * frequency);
        long wakeLate = 0;
        var start = _time.GetTimestamp();
        for (long tick = 0; tick < ticks; tick++)
        {
            // Computed from the start, not accumulated, so rounding never drifts the schedule.
            var intended = start + (long)Math.Round(tick * periodTicks);
            var asked = intended - spinTicks - wakeLate;
            var wait = asked - _time.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait / frequency), _time, ct).ConfigureAwait(false);
                if (_spinWindow > TimeSpan.Zero)
                {
                    // .NET's timers run on a coarse clock (4 ms a tick on a 250 Hz Linux kernel), so a wake can be
                    // late by up to that, by the same amount tick after tick for a whole run; a fixed spin window then
                    // misses every tick. Ask that much earlier: rise to a late wake at once, come back down slowly.
                    var woke = Math.Max(0, _time.GetTimestamp() - asked);
                    wakeLate = Math.Min(maxWakeLate, woke > wakeLate ? woke : wakeLate - ((wakeLate - woke) / 16));
                }
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
            Order(tick, order);
            for (var position = 0; position < links.Count; position++)
            {
                pending.Add(send(new ScheduledRequest(links[order[position]], tick, position, intended, now)));
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

    /// <summary>
    /// The order of the links at <paramref name="tick"/>: permutation number tick mod n! of 0..n−1 in lexicographic
    /// order (n = <paramref name="order"/>'s length), written into <paramref name="order"/>. A rotation would put each
    /// link first equally often but not balance pairs: with three links, the link before another in the cycle would go
    /// first in two ticks of three, and whatever the first of two requests gains at a shared resource (a core, the
    /// relays' delay line) would show as a difference between two identical links.
    /// </summary>
    public static void Order(long tick, Span<int> order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order.Length, MaxOrderedLinks);
        var n = order.Length;
        long count = 1;
        for (var k = 2; k <= n; k++)
        {
            count *= k;
        }

        // Factorial number system: digit i, worth (n−1−i)!, picks the next link among those not yet placed.
        var rank = tick % count;
        Span<bool> placed = stackalloc bool[MaxOrderedLinks];
        var place = count;
        for (var i = 0; i < n; i++)
        {
            place /= n - i;
            var digit = (int)(rank / place);
            rank %= place;
            for (var j = 0; j < n; j++)
            {
                if (!placed[j] && digit-- == 0)
                {
                    order[i] = j;
                    placed[j] = true;
                    break;
                }
            }
        }
    }
}
