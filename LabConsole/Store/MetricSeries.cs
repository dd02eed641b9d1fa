namespace TracingLab.Dashboard.Store;

/// <summary>One time series: an instrument of a resource with one attribute set; points oldest first.</summary>
public sealed class MetricSeries
{
    private readonly List<MetricPoint> _points = [];
    private int _head;

    internal MetricSeries(string name, string description, string unit, MetricType type, ResourceInfo resource, ScopeInfo scope, Attr[] attributes)
    {
        Name = name;
        Description = description;
        Unit = unit;
        Type = type;
        Resource = resource;
        Scope = scope;
        Attributes = attributes;
    }

    public string Name { get; }

    public string Description { get; }

    public string Unit { get; }

    public MetricType Type { get; }

    public ResourceInfo Resource { get; }

    public ScopeInfo Scope { get; }

    public Attr[] Attributes { get; }

    internal int Count => _points.Count - _head;

    internal void Add(MetricPoint point) => _points.Add(point);

    internal void RemoveOldest()
    {
        _head++;
        if (_head > 64 && _head > _points.Count / 2)
        {
            _points.RemoveRange(0, _head);
            _head = 0;
        }
    }

    internal MetricPoint[] Points() => _points.GetRange(_head, _points.Count - _head).ToArray();

    internal MetricPoint? Latest => Count > 0 ? _points[^1] : null;
}

public enum MetricType
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

/// <summary>A data point: Value for gauges and sums; Count, Sum and buckets for histograms.</summary>
public sealed record MetricPoint(
    ulong StartUnixNano, ulong TimeUnixNano, double Value, ulong Count, double Sum,
    IReadOnlyList<double>? ExplicitBounds, IReadOnlyList<ulong>? BucketCounts);
