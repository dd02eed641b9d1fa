using Google.Protobuf;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Metrics.V1;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.Store;

/// <summary>
/// In-memory telemetry: traces assembled from spans in any order, logs indexed by trace, metrics as time series.
/// Conversion happens outside the lock; one short lock per export batch keeps indexes consistent.
/// Bounds are per resource (service.name); the oldest items are evicted first and counted.
/// </summary>
public sealed partial class TelemetryStore
{
    private readonly Lock _lock = new();
    private readonly RecordFactory _factory = new();
    private readonly Dictionary<TraceId, TraceRecord> _traces = [];
    private readonly OrderedList<TraceRecord> _traceOrder = new();
    private readonly Dictionary<string, OrderedList<TraceRecord>> _tracesByLink = new(StringComparer.Ordinal);
    private readonly OrderedList<TraceRecord> _errorTraces = new();
    private readonly Dictionary<TraceId, List<LogEntry>> _logsByTrace = [];
    private readonly OrderedList<LogEntry> _logOrder = new();
    private readonly Dictionary<string, ResourceState> _resources = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _sequence;
    private long _deadTraces;
    private long _deadLogs;
    private long _spanCount;

    public TelemetryStore(TelemetryLimits limits, TimeProvider? time = null)
    {
        Limits = limits;
        _time = time ?? TimeProvider.System;
    }

    public TelemetryLimits Limits { get; }

    /// <summary>Raised after any change (outside the lock); UI pages throttle their refresh on it.</summary>
    public event Action? Changed;

    /// <summary>Raised with each batch of newly stored spans (outside the lock), for follow=true streams.</summary>
    public event Action<IReadOnlyList<SpanRecord>>? SpansAdded;

    /// <summary>Raised with each batch of newly stored logs (outside the lock), for follow=true streams.</summary>
    public event Action<IReadOnlyList<LogEntry>>? LogsAdded;

    /// <summary>Raised with each request that stored something (outside the lock), e.g. for the run history.</summary>
    /// <remarks>The bytes are produced only when someone listens.</remarks>
    public event Action<TelemetryKind, Func<byte[]>>? Accepted;

    public long SpanCount
    {
        get
        {
            lock (_lock)
            {
                return _spanCount;
            }
        }
    }

    public int TraceCount
    {
        get
        {
            lock (_lock)
            {
                return _traces.Count;
            }
        }
    }

    public IngestResult AddTraces(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spans = _factory.Spans(request, out var rejected, out var error);
        return StoreSpans(spans, rejected, error, request.ToByteArray);
    }

    /// <summary>
    /// An ExportTraceServiceRequest as protobuf bytes, read without building protobuf objects (the intake's path).
    /// Throws <see cref="Otlp.OtlpFormatException"/> when the bytes are not a valid request.
    /// </summary>
    public IngestResult AddTraces(ReadOnlyMemory<byte> protobuf)
    {
        var spans = _factory.Spans(protobuf.Span, out var rejected, out var error);
        return StoreSpans(spans, rejected, error, protobuf.ToArray);
    }

    private IngestResult StoreSpans(List<SpanRecord> spans, int rejected, string? error, Func<byte[]> protobuf)
    {
        if (spans.Count > 0)
        {
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                ResourceInfo? lastResource = null;
                ResourceState? state = null;
                foreach (var span in spans)
                {
                    // Spans arrive grouped by resource, so the resource's state is looked up once per group.
                    if (!ReferenceEquals(span.Resource, lastResource))
                    {
                        lastResource = span.Resource;
                        state = StateLocked(span.Resource, now);
                    }

                    AddSpanLocked(span, state!);
                }

                CompactLocked();
            }

            SpansAdded?.Invoke(spans);
            Accepted?.Invoke(TelemetryKind.Traces, protobuf);
            Changed?.Invoke();
        }

        return new IngestResult(spans.Count, rejected, error);
    }

    public IngestResult AddLogs(ExportLogsServiceRequest request)
    {
        var logs = _factory.Logs(request, out var rejected, out var error);
        if (logs.Count > 0)
        {
            lock (_lock)
            {
                foreach (var log in logs)
                {
                    AddLogLocked(log);
                }

                CompactLocked();
            }

            LogsAdded?.Invoke(logs);
            Accepted?.Invoke(TelemetryKind.Logs, request.ToByteArray);
            Changed?.Invoke();
        }

        return new IngestResult(logs.Count, rejected, error);
    }

    public IngestResult AddMetrics(ExportMetricsServiceRequest request)
    {
        var points = _factory.MetricPoints(request, out var rejected, out var error);
        if (points.Count > 0)
        {
            lock (_lock)
            {
                foreach (var (key, point) in points)
                {
                    AddPointLocked(key, point);
                }
            }

            Accepted?.Invoke(TelemetryKind.Metrics, request.ToByteArray);
            Changed?.Invoke();
        }

        return new IngestResult(points.Count, rejected, error);
    }

    /// <summary>Removes all telemetry (the UI's "clear" and run import).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _traces.Clear();
            _traceOrder.RemoveWhere(_ => true);
            _tracesByLink.Clear();
            _errorTraces.RemoveWhere(_ => true);
            _logsByTrace.Clear();
            _logOrder.RemoveWhere(_ => true);
            _resources.Clear();
            _spanCount = 0;
            _deadTraces = 0;
            _deadLogs = 0;
        }

        Changed?.Invoke();
    }

    private ResourceState StateLocked(ResourceInfo resource) => StateLocked(resource, _time.GetUtcNow());

    private ResourceState StateLocked(ResourceInfo resource, DateTimeOffset now)
    {
        if (!_resources.TryGetValue(resource.ServiceName, out var state))
        {
            state = new ResourceState(resource.ServiceName);
            _resources.Add(resource.ServiceName, state);
        }

        state.Instances.Add(resource);
        state.LastSeen = now;
        return state;
    }

    private void AddSpanLocked(SpanRecord span, ResourceState state)
    {
        if (!_traces.TryGetValue(span.TraceId, out var trace))
        {
            trace = new TraceRecord(span.TraceId, ++_sequence);
            _traces.Add(span.TraceId, trace);
            _traceOrder.Add(trace);
        }

        var hadError = trace.HasError;
        if (!trace.Add(span))
        {
            return;
        }

        _spanCount++;
        if (!hadError && trace.HasError)
        {
            _errorTraces.Add(trace);
        }

        if (span.Link is { } link && !trace.Links.Contains(link))
        {
            trace.Links.Add(link);
            if (!_tracesByLink.TryGetValue(link, out var byLink))
            {
                byLink = new OrderedList<TraceRecord>();
                _tracesByLink.Add(link, byLink);
            }

            byLink.Add(trace);
        }

        state.SpanCount++;
        if (!trace.Services.Contains(state.Name))
        {
            trace.Services.Add(state.Name);
            state.Traces.Add(trace);
            state.TraceCount++;
            while (state.TraceCount > Limits.MaxTracesPerResource)
            {
                EvictOldestTraceLocked(state);
            }
        }
    }

    private void EvictOldestTraceLocked(ResourceState state)
    {
        while (state.Traces.Count > 0)
        {
            var oldest = state.Traces.RemoveOldest();
            if (oldest.Evicted)
            {
                continue;
            }

            oldest.Evicted = true;
            _traces.Remove(oldest.Id);
            _spanCount -= oldest.Spans.Count;
            _deadTraces++;
            foreach (var service in oldest.Services)
            {
                if (_resources.TryGetValue(service, out var involved))
                {
                    involved.TraceCount--;
                    involved.EvictedTraces++;
                    if (!ReferenceEquals(involved, state))
                    {
                        involved.DeadTraces++;
                    }

                    involved.SpanCount -= oldest.Spans.Count(s => s.Resource.ServiceName == service);
                }
            }

            return;
        }
    }

    private void AddLogLocked(LogEntry log)
    {
        log.Sequence = ++_sequence;
        _logOrder.Add(log);
        if (!log.TraceId.IsEmpty)
        {
            if (!_logsByTrace.TryGetValue(log.TraceId, out var list))
            {
                list = new List<LogEntry>(2);
                _logsByTrace.Add(log.TraceId, list);
            }

            list.Add(log);
        }

        var state = StateLocked(log.Resource);
        state.Logs.Add(log);
        while (state.Logs.Count > Limits.MaxLogsPerResource)
        {
            var oldest = state.Logs.RemoveOldest();
            oldest.Evicted = true;
            state.EvictedLogs++;
            _deadLogs++;
            if (!oldest.TraceId.IsEmpty && _logsByTrace.TryGetValue(oldest.TraceId, out var list))
            {
                list.Remove(oldest);
                if (list.Count == 0)
                {
                    _logsByTrace.Remove(oldest.TraceId);
                }
            }
        }
    }

    private void AddPointLocked(MetricSeriesKey key, MetricPoint point)
    {
        var state = StateLocked(key.Resource);
        if (!state.Series.TryGetValue(key.Key, out var series))
        {
            series = new MetricSeries(key.Name, key.Description, key.Unit, key.Type, key.Resource, key.Scope, key.Attributes);
            state.Series.Add(key.Key, series);
        }

        series.Add(point);
        state.PointOrder.Enqueue(series);
        while (state.PointOrder.Count > Limits.MaxMetricPointsPerResource)
        {
            state.PointOrder.Dequeue().RemoveOldest();
            state.EvictedMetricPoints++;
        }
    }

    // Evicted items stay in the global and per-link lists as tombstones until they outnumber the live ones;
    // then one pass removes them, so eviction stays O(1) amortized.
    private void CompactLocked()
    {
        if (_deadTraces > 1024 && _deadTraces > _traces.Count)
        {
            _traceOrder.RemoveWhere(t => t.Evicted);
            _errorTraces.RemoveWhere(t => t.Evicted);
            foreach (var list in _tracesByLink.Values)
            {
                list.RemoveWhere(t => t.Evicted);
            }

            _deadTraces = 0;
        }

        // A trace evicted through one resource stays in the other resources' lists; those lists only shrink by
        // themselves when their own bound is hit, which may be never, so their tombstones are swept here.
        foreach (var state in _resources.Values)
        {
            if (state.DeadTraces > 1024 && state.DeadTraces > state.TraceCount / 2)
            {
                state.Traces.RemoveWhere(t => t.Evicted);
                state.DeadTraces = 0;
            }
        }

        if (_deadLogs > 1024 && _deadLogs > _logOrder.Count / 2)
        {
            _logOrder.RemoveWhere(l => l.Evicted);
            _deadLogs = 0;
        }
    }
}
