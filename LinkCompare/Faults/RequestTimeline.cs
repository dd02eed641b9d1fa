namespace TracingLab.LinkCompare.Faults;

/// <summary>
/// Every request of a run with its send time, thread-safely, for the inside/outside figures of fault windows. Bounded:
/// past <see cref="Capacity"/> requests the rest are counted but not kept (<see cref="Dropped"/>), and the report says so.
/// </summary>
public sealed class RequestTimeline(int capacity = RequestTimeline.DefaultCapacity)
{
    /// <summary>About 40 MB of requests: an hour at 300 requests/s.</summary>
    public const int DefaultCapacity = 1_000_000;

    private readonly List<TimedOutcome> _outcomes = [];
    private long _dropped;

    /// <summary>The most requests kept.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be at least 1.");

    /// <summary>Requests offered after the timeline was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Keeps one request, or counts it as dropped when full.</summary>
    public void Add(TimedOutcome outcome)
    {
        lock (_outcomes)
        {
            if (_outcomes.Count < Capacity)
            {
                _outcomes.Add(outcome);
                return;
            }
        }

        Interlocked.Increment(ref _dropped);
    }

    /// <summary>The kept requests, in the order they finished.</summary>
    public IReadOnlyList<TimedOutcome> Snapshot()
    {
        lock (_outcomes)
        {
            return [.. _outcomes];
        }
    }
}
