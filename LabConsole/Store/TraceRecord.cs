namespace TracingLab.Dashboard.Store;

/// <summary>A trace being assembled from spans that arrive in any order and any batch. Mutated only under the store lock.</summary>
public sealed class TraceRecord
{
    internal TraceRecord(TraceId id, long sequence)
    {
        Id = id;
        Sequence = sequence;
    }

    public TraceId Id { get; }

    /// <summary>Arrival order of the trace's first span; newer traces have larger numbers.</summary>
    public long Sequence { get; }

    internal List<SpanRecord> Spans { get; } = new(4);

    internal List<string> Services { get; } = new(3);

    internal List<string> Links { get; } = new(1);

    public ulong StartUnixNano { get; private set; } = ulong.MaxValue;

    public ulong EndUnixNano { get; private set; }

    public bool HasError { get; private set; }

    internal bool Evicted { get; set; }

    public double DurationMs => EndUnixNano > StartUnixNano ? (EndUnixNano - StartUnixNano) / 1_000_000.0 : 0;

    private HashSet<ulong>? _spanIds;

    /// <summary>Adds the span unless the trace already holds its span id (an exporter retry); false for a duplicate.</summary>
    internal bool Add(SpanRecord span)
    {
        // Small traces scan; large ones keep a set, so a hostile 100k-span trace stays linear.
        if (_spanIds is not null)
        {
            if (!_spanIds.Add(span.SpanId))
            {
                return false;
            }
        }
        else
        {
            foreach (var existing in Spans)
            {
                if (existing.SpanId == span.SpanId)
                {
                    return false;
                }
            }

            if (Spans.Count >= 32)
            {
                _spanIds = [.. Spans.Select(s => s.SpanId), span.SpanId];
            }
        }

        Spans.Add(span);
        StartUnixNano = Math.Min(StartUnixNano, span.StartUnixNano);
        EndUnixNano = Math.Max(EndUnixNano, span.EndUnixNano);
        HasError |= span.IsError;
        return true;
    }

    /// <summary>The span without a parent in this trace (earliest one if several), else the earliest span.</summary>
    internal SpanRecord Root()
    {
        SpanRecord? root = null;
        foreach (var span in Spans)
        {
            if (span.ParentSpanId == 0 && (root is null || span.StartUnixNano < root.StartUnixNano))
            {
                root = span;
            }
        }

        return root ?? Spans.MinBy(s => s.StartUnixNano)!;
    }

    internal TraceSummary Summarize()
    {
        var root = Root();
        return new TraceSummary(
            Id, root.Resource.ServiceName + ": " + root.Name, root.Resource.ServiceName, StartUnixNano, DurationMs,
            Spans.Count, Spans.Count(s => s.IsError),
            [.. Spans.OrderBy(s => s.StartUnixNano).Select(s => s.Resource.ServiceName).Distinct()], [.. Links]);
    }
}

/// <summary>A trace row for lists: root name, duration, span and error counts, services and links involved.</summary>
public sealed record TraceSummary(
    TraceId Id, string Title, string RootService, ulong StartUnixNano, double DurationMs, int SpanCount, int ErrorCount,
    IReadOnlyList<string> Services, IReadOnlyList<string> Links)
{
    public bool HasError => ErrorCount > 0;

    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeMilliseconds((long)(StartUnixNano / 1_000_000));
}

/// <summary>A consistent copy of one trace: spans ordered by start time.</summary>
public sealed record TraceSnapshot(TraceSummary Summary, IReadOnlyList<SpanRecord> Spans);
