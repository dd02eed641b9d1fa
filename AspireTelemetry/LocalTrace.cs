using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.AspireTelemetry;

/// <summary>One trace as the Aspire dashboard holds it, with the attribute types restored (<see cref="AspireAttributeTypes"/>).</summary>
public sealed class LocalTrace(XRayTraceId id, IReadOnlyList<ResourceSpans> resourceSpans)
{
    public XRayTraceId Id { get; } = id;

    /// <summary>The OTLP data, for the X-Ray translator and the comparison.</summary>
    public IReadOnlyList<ResourceSpans> ResourceSpans { get; } = resourceSpans;

    public IReadOnlyList<TraceSpan> Spans { get; } = TraceSpan.From(resourceSpans);

    public ulong StartUnixNano => Spans.Count == 0 ? 0 : Spans.Min(s => s.StartUnixNano);

    public double DurationMs => Spans.Count == 0 ? 0 : (Spans.Max(s => s.EndUnixNano) - StartUnixNano) / 1_000_000.0;

    public bool HasError => Spans.Any(s => s.IsError);

    /// <summary>
    /// True while spans are still to come: a span other than the earliest names a parent the trace does not hold. Each
    /// service exports its spans on its own schedule (every second in the lab), so a trace read just after it ended can
    /// hold one service's spans and not yet another's. A root whose parent is outside the trace (an untraced caller sent
    /// a parent id) does not count.
    /// </summary>
    public bool IsMissingSpans
    {
        get
        {
            var ids = Spans.Select(s => s.SpanId).ToHashSet();
            var earliest = Spans.OrderBy(s => s.StartUnixNano).FirstOrDefault();
            return Spans.Any(s => s != earliest && s.ParentSpanId is { } parent && !ids.Contains(parent));
        }
    }

    /// <summary>
    /// How long after a trace's last span ends every service has exported it: each exports every second in the lab
    /// (Aspire gives the services <c>OTEL_BSP_SCHEDULE_DELAY=1000</c>); three intervals leave room for a slow export.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);

    /// <summary>When the last span ended (Unix ns).</summary>
    public ulong EndUnixNano => Spans.Count == 0 ? 0 : Spans.Max(s => s.EndUnixNano);

    /// <summary>
    /// True while more of this trace may still arrive: a span's parent is missing (<see cref="IsMissingSpans"/>), or the
    /// trace ended less than <see cref="SettleTime"/> before <paramref name="now"/>. The first export can hold one
    /// service's spans alone, even the one in the middle whose parent and children are both still to come.
    /// </summary>
    public bool MayGrow(DateTimeOffset now) =>
        IsMissingSpans || now.ToUnixTimeMilliseconds() * 1_000_000.0 - EndUnixNano < SettleTime.TotalMilliseconds * 1_000_000.0;

    /// <summary>The root span (no parent in the trace), or the earliest span.</summary>
    public TraceSpan? Root => Spans.Where(s => s.ParentSpanId is null || Spans.All(p => p.SpanId != s.ParentSpanId))
        .OrderBy(s => s.StartUnixNano).FirstOrDefault();
}
