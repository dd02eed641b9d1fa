namespace TracingLab.Dashboard.Store;

/// <summary>Per-resource bookkeeping: its traces, logs and metric points in arrival order, and what was evicted.</summary>
internal sealed class ResourceState(string name)
{
    public string Name { get; } = name;

    public OrderedList<TraceRecord> Traces { get; } = new();

    public int TraceCount { get; set; }

    /// <summary>Traces evicted through another resource that still sit in <see cref="Traces"/> as tombstones.</summary>
    public int DeadTraces { get; set; }

    public long EvictedTraces { get; set; }

    public long SpanCount { get; set; }

    public OrderedList<LogEntry> Logs { get; } = new();

    public long EvictedLogs { get; set; }

    public Queue<MetricSeries> PointOrder { get; } = new();

    public Dictionary<string, MetricSeries> Series { get; } = new(StringComparer.Ordinal);

    public long EvictedMetricPoints { get; set; }

    public HashSet<ResourceInfo> Instances { get; } = [];

    public DateTimeOffset LastSeen { get; set; }
}

/// <summary>An append-only list with a moving head: O(1) removal of the oldest item, newest-first iteration.</summary>
internal sealed class OrderedList<T>
{
    private readonly List<T> _items = [];
    private int _head;

    public int Count => _items.Count - _head;

    public void Add(T item) => _items.Add(item);

    public T PeekOldest() => _items[_head];

    public T RemoveOldest()
    {
        var item = _items[_head];
        _items[_head] = default!;
        _head++;
        if (_head > 64 && _head > _items.Count / 2)
        {
            _items.RemoveRange(0, _head);
            _head = 0;
        }

        return item;
    }

    public void RemoveWhere(Predicate<T> predicate)
    {
        _items.RemoveRange(0, _head);
        _head = 0;
        _items.RemoveAll(predicate);
    }

    public IEnumerable<T> NewestFirst()
    {
        for (var i = _items.Count - 1; i >= _head; i--)
        {
            yield return _items[i];
        }
    }
}
