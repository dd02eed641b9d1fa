using Microsoft.Extensions.Time.Testing;

namespace TracingLab.LinkCompare.Tests;

/// <summary>
/// A fake clock that a test advances only once the code under test has armed a timer on it. Advancing a plain
/// <see cref="FakeTimeProvider"/> between the moment the code reads the clock and the moment it arms its timer makes
/// the timer count from the new time, so it fires a whole step late or never — a race the test would lose only on a
/// busy machine.
/// </summary>
internal sealed class ArmedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim _armed = new(0);

    public ArmedClock()
        : this(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.Release();
        return timer;
    }

    /// <summary>Waits for the next timer to be armed, then advances; fails only on a hang.</summary>
    public async Task AdvanceWhenArmedAsync(TimeSpan delta)
    {
        Assert.True(await _armed.WaitAsync(TimeSpan.FromSeconds(60)), "no timer was armed on the clock within 60 s");
        Advance(delta);
    }

    /// <summary>Completes when the next timer is armed or <paramref name="done"/> completes, whichever is first.</summary>
    public async Task<bool> ArmedOrDoneAsync(Task done) =>
        await Task.WhenAny(_armed.WaitAsync(), done).ConfigureAwait(false) != done;
}
