namespace TracingLab.Dashboard.Store;

/// <summary>A stored log record, compact like <see cref="SpanRecord"/>.</summary>
public sealed class LogEntry
{
    public required ulong TimeUnixNano { get; init; }

    public ulong ObservedTimeUnixNano { get; init; }

    /// <summary>OTLP severity number (1-24; 9 = INFO, 13 = WARN, 17 = ERROR, 21 = FATAL); 0 unspecified.</summary>
    public byte SeverityNumber { get; init; }

    public string? SeverityText { get; init; }

    public required string Body { get; init; }

    /// <summary>The body as received when it is not a plain string (kept for OTLP output).</summary>
    public TracingLab.Otlp.Common.V1.AnyValue? StructuredBody { get; init; }

    public Attr[] Attributes { get; init; } = [];

    public TraceId TraceId { get; init; }

    public ulong SpanId { get; init; }

    public uint Flags { get; init; }

    public string? EventName { get; init; }

    public required ResourceInfo Resource { get; init; }

    public required ScopeInfo Scope { get; init; }

    internal long Sequence { get; set; }

    internal bool Evicted { get; set; }

    public string Level => Severity.Name(SeverityNumber, SeverityText);

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds((long)((TimeUnixNano != 0 ? TimeUnixNano : ObservedTimeUnixNano) / 1_000_000));
}
