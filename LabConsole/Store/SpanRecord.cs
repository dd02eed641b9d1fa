namespace TracingLab.Dashboard.Store;

/// <summary>A stored span, compact: ids as integers, interned strings, attributes as an array (about 150 bytes + attributes).</summary>
public sealed class SpanRecord
{
    public required TraceId TraceId { get; init; }

    public required ulong SpanId { get; init; }

    public ulong ParentSpanId { get; init; }

    public required string Name { get; init; }

    /// <summary>OTLP SpanKind (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer).</summary>
    public byte Kind { get; init; }

    /// <summary>OTLP status code (0 unset, 1 ok, 2 error).</summary>
    public byte StatusCode { get; init; }

    public string? StatusMessage { get; init; }

    public ulong StartUnixNano { get; init; }

    public ulong EndUnixNano { get; init; }

    public required ResourceInfo Resource { get; init; }

    public required ScopeInfo Scope { get; init; }

    public Attr[] Attributes { get; init; } = [];

    public SpanEventRecord[]? Events { get; init; }

    public SpanLinkRecord[]? Links { get; init; }

    public string? TraceState { get; init; }

    public uint Flags { get; init; }

    /// <summary>The lab.link attribute (tgw, peering, privatelink), indexed.</summary>
    public string? Link { get; init; }

    public bool IsError => StatusCode == 2;

    public double DurationMs => EndUnixNano > StartUnixNano ? (EndUnixNano - StartUnixNano) / 1_000_000.0 : 0;

    public string? Attribute(string key) => OtlpValues.Find(Attributes, key);
}

public sealed record SpanEventRecord(string Name, ulong TimeUnixNano, Attr[] Attributes);

public sealed record SpanLinkRecord(TraceId TraceId, ulong SpanId, string? TraceState, Attr[] Attributes);
