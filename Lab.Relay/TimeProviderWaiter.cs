namespace TracingLab.Relay;

/// <summary>
/// Waits with <see cref="TimeProvider"/> timers: exact under a fake clock (tests), but only ~1 ms precise on the real
/// clock, which is why the real clock uses <see cref="PreciseWaiter"/>. It creates the timer itself because
/// Task.Delay(TimeSpan, TimeProvider) truncates to whole milliseconds, which would turn a 0.5 ms wait into none.
/// </summary>
internal sealed class TimeProviderWaiter(TimeProvider time) : IDelayWaiter
{
    public async ValueTask WaitUntilAsync(long dueTimestamp, CancellationToken ct)
    {
        while (true)
        {
            var now = time.GetTimestamp();
            if (now >= dueTimestamp)
            {
                return;
            }

            var remaining = time.GetElapsedTime(now, dueTimestamp);
            // Asynchronous continuations: a fake clock fires timers inside Advance(), which must not run the relay's sends.
            var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var timer = time.CreateTimer(
                static f => ((TaskCompletionSource)f!).TrySetResult(), fired,
                remaining < TimeSpan.FromTicks(1) ? TimeSpan.FromTicks(1) : remaining, Timeout.InfiniteTimeSpan);
            if (time.GetTimestamp() != now)
            {
                // The clock moved between reading it and arming the timer (a test advancing a fake clock): the timer
                // counts from the new time and would fire late; measure again.
                continue;
            }

            using var cancel = ct.Register(static f => ((TaskCompletionSource)f!).TrySetCanceled(), fired);
            await fired.Task.ConfigureAwait(false);
        }
    }
}
