using TracingLab.Contracts.LinksFeed;

namespace TracingLab.Relay;

/// <summary>
/// Flow records of one or more relays: closed aggregation windows (newest <see cref="Capacity"/> kept, oldest dropped
/// first) plus the open window of every live flow.
/// </summary>
public sealed class FlowStore(int capacity = FlowStore.DefaultCapacity)
{
    /// <summary>How many closed records are kept by default.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Queue<FlowRecord> _closed = new();
    private readonly HashSet<FlowCounter> _open = [];
    private readonly Lock _lock = new();

    /// <summary>The most closed records kept.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Records whose window ends at or after <paramref name="since"/>, oldest first, then the open windows.</summary>
    public IReadOnlyList<FlowRecord> Get(DateTimeOffset? since = null)
    {
        FlowCounter[] open;
        List<FlowRecord> records;
        lock (_lock)
        {
            records = [.. _closed.Where(r => since is null || r.End >= since)];
            open = [.. _open];
        }

        records.AddRange(open.Select(c => c.Current()).OfType<FlowRecord>().Where(r => since is null || r.End >= since).OrderBy(r => r.Start));
        return records;
    }

    internal void Open(FlowCounter counter)
    {
        lock (_lock)
        {
            _open.Add(counter);
        }
    }

    internal void Close(FlowCounter counter, FlowRecord? last)
    {
        lock (_lock)
        {
            _open.Remove(counter);
            if (last is not null)
            {
                AddLocked(last);
            }
        }
    }

    internal void Add(FlowRecord record)
    {
        lock (_lock)
        {
            AddLocked(record);
        }
    }

    private void AddLocked(FlowRecord record)
    {
        _closed.Enqueue(record);
        while (_closed.Count > Capacity)
        {
            _closed.Dequeue();
        }
    }
}
