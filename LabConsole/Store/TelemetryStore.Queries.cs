namespace TracingLab.Dashboard.Store;

public sealed partial class TelemetryStore
{
    public TraceSnapshot? GetTrace(TraceId id)
    {
        lock (_lock)
        {
            if (!_traces.TryGetValue(id, out var trace))
            {
                return null;
            }

            var spans = trace.Spans.ToArray();
            Array.Sort(spans, static (a, b) => a.StartUnixNano.CompareTo(b.StartUnixNano));
            return new TraceSnapshot(trace.Summarize(), spans);
        }
    }

    public QueryResult<TraceSummary> QueryTraces(TraceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var candidates = CandidatesLocked(query);
            var items = new List<TraceSummary>();
            var total = 0;
            foreach (var trace in candidates)
            {
                if (trace.Evicted || !Matches(trace, query))
                {
                    continue;
                }

                total++;
                if (items.Count < query.Limit)
                {
                    items.Add(trace.Summarize());
                }
            }

            return new QueryResult<TraceSummary>(items, total);
        }
    }

    /// <summary>Full snapshots of the newest matching traces, for service maps and exports.</summary>
    public IReadOnlyList<TraceSnapshot> GetTraces(TraceQuery query)
    {
        var ids = QueryTraces(query).Items.Select(t => t.Id).ToList();
        return [.. ids.Select(GetTrace).OfType<TraceSnapshot>()];
    }

    public QueryResult<SpanRecord> QuerySpans(SpanQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IEnumerable<TraceRecord> traces = query.TraceId is { } id
                ? (_traces.TryGetValue(id, out var one) ? [one] : [])
                : query.Service is { } service ? (_resources.TryGetValue(service, out var state) ? state.Traces.NewestFirst() : [])
                : _traceOrder.NewestFirst();
            var items = new List<SpanRecord>();
            var total = 0;
            foreach (var trace in traces)
            {
                if (trace.Evicted)
                {
                    continue;
                }

                foreach (var span in trace.Spans)
                {
                    if ((query.Service is null || span.Resource.ServiceName == query.Service)
                        && (query.HasError is null || span.IsError == query.HasError))
                    {
                        total++;
                        if (items.Count < query.Limit)
                        {
                            items.Add(span);
                        }
                    }
                }
            }

            return new QueryResult<SpanRecord>(items, total);
        }
    }

    public QueryResult<LogEntry> QueryLogs(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IEnumerable<LogEntry> source = query.TraceId is { } id
                ? (_logsByTrace.TryGetValue(id, out var list) ? Enumerable.Reverse(list) : [])
                : query.Service is { } service ? (_resources.TryGetValue(service, out var state) ? state.Logs.NewestFirst() : [])
                : _logOrder.NewestFirst();
            var items = new List<LogEntry>();
            var total = 0;
            foreach (var log in source)
            {
                if (log.Evicted || !Matches(log, query))
                {
                    continue;
                }

                total++;
                if (items.Count < query.Limit)
                {
                    items.Add(log);
                }
            }

            return new QueryResult<LogEntry>(items, total);
        }
    }

    public IReadOnlyList<ResourceStats> GetResourceStats()
    {
        lock (_lock)
        {
            return [.. _resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new ResourceStats(
                r.Name, [.. r.Instances], r.TraceCount, r.SpanCount, r.Logs.Count, r.Series.Count, r.PointOrder.Count,
                r.EvictedTraces, r.EvictedLogs, r.EvictedMetricPoints, r.LastSeen))];
        }
    }

    /// <summary>Trace entries held by all indexes, tombstones included (a leak check for tests).</summary>
    internal int IndexedTraceEntries()
    {
        lock (_lock)
        {
            return _traceOrder.Count + _errorTraces.Count + _tracesByLink.Values.Sum(l => l.Count) + _resources.Values.Sum(r => r.Traces.Count);
        }
    }

    public bool HasResource(string name)
    {
        lock (_lock)
        {
            return _resources.ContainsKey(name);
        }
    }

    public IReadOnlyList<string> GetLinks()
    {
        lock (_lock)
        {
            return [.. _tracesByLink.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<MetricSeriesSnapshot> GetMetrics(string? service = null)
    {
        lock (_lock)
        {
            return [.. _resources.Values
                .Where(r => service is null || r.Name == service)
                .SelectMany(r => r.Series.Values)
                .Where(s => s.Count > 0)
                .OrderBy(s => s.Resource.ServiceName, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => new MetricSeriesSnapshot(s, s.Points()))];
        }
    }

    private IEnumerable<TraceRecord> CandidatesLocked(TraceQuery query)
    {
        // Start from the smallest index that applies; the other filters are checked per trace.
        var best = _traceOrder;
        if (query.Service is { } service)
        {
            best = _resources.TryGetValue(service, out var state) ? state.Traces : new OrderedList<TraceRecord>();
        }

        if (query.Link is { } link)
        {
            var byLink = _tracesByLink.TryGetValue(link, out var l) ? l : new OrderedList<TraceRecord>();
            best = byLink.Count < best.Count ? byLink : best;
        }

        if (query.HasError == true && _errorTraces.Count < best.Count)
        {
            best = _errorTraces;
        }

        return best.NewestFirst();
    }

    private static bool Matches(TraceRecord trace, TraceQuery query)
    {
        if ((query.Service is not null && !trace.Services.Contains(query.Service))
            || (query.Link is not null && !trace.Links.Contains(query.Link))
            || (query.HasError is { } hasError && trace.HasError != hasError)
            || (query.MinDurationMs is { } min && trace.DurationMs < min)
            || (query.MaxDurationMs is { } max && trace.DurationMs > max))
        {
            return false;
        }

        return string.IsNullOrWhiteSpace(query.Text) || TextMatches(trace, query.Text.Trim());
    }

    private static bool TextMatches(TraceRecord trace, string text)
    {
        if (TraceId.TryParse(text, out var id))
        {
            return id == trace.Id;
        }

        if (trace.Id.ToHex().StartsWith(text, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var span in trace.Spans)
        {
            if (SpanMatches(span, text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Name, service, status message or any attribute key or value contains the text (case-insensitive).</summary>
    public static bool SpanMatches(SpanRecord span, string text)
    {
        ArgumentNullException.ThrowIfNull(span);
        if (span.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
            || span.Resource.ServiceName.Contains(text, StringComparison.OrdinalIgnoreCase)
            || (span.StatusMessage?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
            || SpanIds.ToHex(span.SpanId).Equals(text, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var attr in span.Attributes)
        {
            if (attr.Key.Contains(text, StringComparison.OrdinalIgnoreCase) || attr.DisplayValue.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(LogEntry log, LogQuery query)
    {
        if ((query.Service is not null && log.Resource.ServiceName != query.Service)
            || (query.MinSeverity is { } min && log.SeverityNumber < min))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return true;
        }

        var text = query.Text.Trim();
        return log.Body.Contains(text, StringComparison.OrdinalIgnoreCase)
            || log.Attributes.Any(a => a.DisplayValue.Contains(text, StringComparison.OrdinalIgnoreCase));
    }
}
