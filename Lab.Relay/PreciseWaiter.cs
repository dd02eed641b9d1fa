using System.Diagnostics;

namespace TracingLab.Relay;

/// <summary>
/// The real clock's delay line: one background thread holds every pending wait in a min-heap by due time. Far from
/// the next due time it blocks on an event (which an earlier newcomer sets); within <see cref="FineWindow"/> it
/// sleeps in short <c>nanosleep</c> slices (Task.Delay's timer is only ~1 ms precise on Linux). A sleep overshoots by
/// tens of microseconds on a VM, so the thread wakes that much early (a running average of the overshoot, capped at
/// <see cref="MaxEarlyWake"/>) and yields in a loop for the rest: a bounded spin per due time, never a busy core.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "A process-lifetime singleton whose thread uses the event until the process exits.")]
public sealed class PreciseWaiter : IDelayWaiter
{
    /// <summary>The waiter shared by every relay on the real clock.</summary>
    public static readonly PreciseWaiter Shared = new();

    // Below this distance to the next due time the thread stops trusting the millisecond event wait.
    private static readonly long FineWindow = Stopwatch.Frequency * 2 / 1000;

    // Longest single sleep inside the fine window: bounds how late a newcomer with an earlier due time can be served.
    private static readonly long Slice = Stopwatch.Frequency / 5000;

    // The most the thread spins (yielding) before a due time, whatever the measured overshoot.
    private static readonly long MaxEarlyWake = Stopwatch.Frequency / 10_000;

    private readonly PriorityQueue<TaskCompletionSource, long> _pending = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _due = [];
    private long _overshoot;

    private PreciseWaiter()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "link-relay delay line" };
        thread.Start();
    }

    public ValueTask WaitUntilAsync(long dueTimestamp, CancellationToken ct)
    {
        if (Stopwatch.GetTimestamp() >= dueTimestamp)
        {
            return ValueTask.CompletedTask;
        }

        // Continuations run inline on the delay-line thread: they are a socket send that completes synchronously
        // for small chunks, and a thread-pool hop would cost tens of microseconds on a busy 2-core machine.
        var waiter = new TaskCompletionSource();
        bool earliest;
        lock (_lock)
        {
            earliest = !_pending.TryPeek(out _, out var head) || dueTimestamp < head;
            _pending.Enqueue(waiter, dueTimestamp);
        }

        if (earliest)
        {
            _wake.Set();
        }

        if (ct.CanBeCanceled)
        {
            var registration = ct.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter);
            waiter.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
        }

        return new ValueTask(waiter.Task);
    }

    private void Run()
    {
        NativeSleep.TightenTimerSlack();
        while (true)
        {
            long wait;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                while (_pending.TryPeek(out var waiter, out var due) && due <= now)
                {
                    _due.Add(_pending.Dequeue());
                }

                wait = _pending.TryPeek(out _, out var next) ? next - now : -1;
            }

            foreach (var waiter in _due)
            {
                waiter.TrySetResult();
            }

            _due.Clear();
            if (wait < 0)
            {
                _wake.WaitOne();
            }
            else if (wait > FineWindow || !NativeSleep.IsPrecise)
            {
                var coarse = (wait - FineWindow / 2) * 1000 / Stopwatch.Frequency;
                _wake.WaitOne((int)Math.Clamp(coarse, NativeSleep.IsPrecise ? 0 : 1, int.MaxValue));
            }
            else if (wait > _overshoot)
            {
                var request = Math.Min(wait - _overshoot, Slice);
                var before = Stopwatch.GetTimestamp();
                NativeSleep.Sleep(request * 1_000_000_000 / Stopwatch.Frequency);
                var overshoot = Stopwatch.GetTimestamp() - before - request;
                _overshoot = Math.Clamp(_overshoot + ((overshoot - _overshoot) / 8), 0, MaxEarlyWake);
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
