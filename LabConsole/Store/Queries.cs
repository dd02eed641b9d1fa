namespace TracingLab.Dashboard.Store;

/// <summary>Trace list filters; null means "any". Results are newest first.</summary>
public sealed record TraceQuery(
    string? Service = null, string? Link = null, bool? HasError = null, double? MinDurationMs = null,
    double? MaxDurationMs = null, string? Text = null, int Limit = 100);

public sealed record SpanQuery(string? Service = null, TraceId? TraceId = null, bool? HasError = null, int Limit = 200);

/// <summary>Log filters; MinSeverity is an OTLP severity number (9 = Information).</summary>
public sealed record LogQuery(string? Service = null, TraceId? TraceId = null, byte? MinSeverity = null, string? Text = null, int Limit = 200);

/// <summary>The first Limit matches (newest first) and how many matched in all.</summary>
public sealed record QueryResult<T>(IReadOnlyList<T> Items, int Total);

public sealed record ResourceStats(
    string Name, IReadOnlyList<ResourceInfo> Instances, int TraceCount, long SpanCount, int LogCount, int MetricSeriesCount,
    int MetricPointCount, long EvictedTraces, long EvictedLogs, long EvictedMetricPoints, DateTimeOffset LastSeen);

public sealed record MetricSeriesSnapshot(MetricSeries Series, IReadOnlyList<MetricPoint> Points);
