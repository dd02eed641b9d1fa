using System.Collections.Concurrent;
using System.Text;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Metrics.V1;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;

namespace TracingLab.Dashboard.Store;

/// <summary>
/// Turns OTLP requests into compact records, validating ids as it goes. Runs outside the store lock, so
/// concurrent exports convert in parallel. Resources and scopes are shared across requests.
/// </summary>
internal sealed class RecordFactory
{
    private const int MaxCachedResources = 4096;
    private readonly Interner _interner = new();
    private readonly ConcurrentDictionary<string, ResourceInfo> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScopeInfo> _scopes = new(StringComparer.Ordinal);

    public string Intern(string value) => _interner.Intern(value);

    /// <summary>Spans straight from protobuf bytes (the fast path for gRPC and HTTP protobuf intake).</summary>
    public List<SpanRecord> Spans(ReadOnlySpan<byte> request, out int rejected, out string? error) =>
        SpanWireReader.Read(request, this, _interner, out rejected, out error);

    public List<SpanRecord> Spans(ExportTraceServiceRequest request, out int rejected, out string? error)
    {
        rejected = 0;
        error = null;
        var spans = new List<SpanRecord>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = Resource(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = Scope(scopeSpans.Scope);
                foreach (var span in scopeSpans.Spans)
                {
                    if (!TraceId.TryFromBytes(span.TraceId, out var traceId))
                    {
                        rejected++;
                        error ??= $"span '{Shorten(span.Name)}' has trace id of {span.TraceId.Length} bytes; expected 16 bytes, not all zero";
                        continue;
                    }

                    if (!SpanIds.TryFromBytes(span.SpanId, out var spanId))
                    {
                        rejected++;
                        error ??= $"span '{Shorten(span.Name)}' has span id of {span.SpanId.Length} bytes; expected 8 bytes, not all zero";
                        continue;
                    }

                    if (!span.ParentSpanId.IsEmpty && !SpanIds.TryFromBytes(span.ParentSpanId, out _))
                    {
                        rejected++;
                        error ??= $"span '{Shorten(span.Name)}' has parent span id of {span.ParentSpanId.Length} bytes; expected empty or 8 bytes";
                        continue;
                    }

                    SpanIds.TryFromBytes(span.ParentSpanId, out var parentId);
                    var attrs = OtlpValues.ToAttrs(span.Attributes, _interner);
                    spans.Add(new SpanRecord
                    {
                        TraceId = traceId,
                        SpanId = spanId,
                        ParentSpanId = parentId,
                        Name = _interner.Intern(span.Name),
                        Kind = (byte)Math.Clamp((int)span.Kind, 0, 5),
                        StatusCode = (byte)Math.Clamp((int)(span.Status?.Code ?? 0), 0, 2),
                        StatusMessage = string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
                        StartUnixNano = span.StartTimeUnixNano,
                        EndUnixNano = Math.Max(span.EndTimeUnixNano, span.StartTimeUnixNano),
                        Resource = resource,
                        Scope = scope,
                        Attributes = attrs,
                        Events = span.Events.Count == 0 ? null : [.. span.Events.Select(e => new SpanEventRecord(_interner.Intern(e.Name), e.TimeUnixNano, OtlpValues.ToAttrs(e.Attributes, _interner)))],
                        Links = span.Links.Count == 0 ? null : Links(span.Links),
                        TraceState = string.IsNullOrEmpty(span.TraceState) ? null : span.TraceState,
                        Flags = span.Flags,
                        Link = OtlpValues.Find(attrs, "lab.link"),
                    });
                }
            }
        }

        return spans;
    }

    public List<LogEntry> Logs(ExportLogsServiceRequest request, out int rejected, out string? error)
    {
        rejected = 0;
        error = null;
        var logs = new List<LogEntry>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = Resource(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = Scope(scopeLogs.Scope);
                foreach (var log in scopeLogs.LogRecords)
                {
                    var traceId = default(TraceId);
                    if (!log.TraceId.IsEmpty && !TraceId.TryFromBytes(log.TraceId, out traceId))
                    {
                        rejected++;
                        error ??= $"log record has trace id of {log.TraceId.Length} bytes; expected empty or 16 bytes";
                        continue;
                    }

                    var spanId = 0UL;
                    if (!log.SpanId.IsEmpty && !SpanIds.TryFromBytes(log.SpanId, out spanId))
                    {
                        rejected++;
                        error ??= $"log record has span id of {log.SpanId.Length} bytes; expected empty or 8 bytes";
                        continue;
                    }

                    var isString = log.Body is null || log.Body.ValueCase is AnyValue.ValueOneofCase.StringValue or AnyValue.ValueOneofCase.None;
                    logs.Add(new LogEntry
                    {
                        TimeUnixNano = log.TimeUnixNano,
                        ObservedTimeUnixNano = log.ObservedTimeUnixNano,
                        SeverityNumber = (byte)Math.Clamp((int)log.SeverityNumber, 0, 24),
                        SeverityText = string.IsNullOrEmpty(log.SeverityText) ? null : _interner.Intern(log.SeverityText),
                        Body = OtlpValues.Display(log.Body),
                        StructuredBody = isString ? null : log.Body,
                        Attributes = OtlpValues.ToAttrs(log.Attributes, _interner),
                        TraceId = traceId,
                        SpanId = spanId,
                        Flags = log.Flags,
                        EventName = string.IsNullOrEmpty(log.EventName) ? null : _interner.Intern(log.EventName),
                        Resource = resource,
                        Scope = scope,
                    });
                }
            }
        }

        return logs;
    }

    public List<(MetricSeriesKey Key, MetricPoint Point)> MetricPoints(ExportMetricsServiceRequest request, out int rejected, out string? error)
    {
        rejected = 0;
        error = null;
        var points = new List<(MetricSeriesKey, MetricPoint)>();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = Resource(resourceMetrics.Resource);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = Scope(scopeMetrics.Scope);
                foreach (var metric in scopeMetrics.Metrics)
                {
                    if (string.IsNullOrEmpty(metric.Name))
                    {
                        rejected += Math.Max(1, MetricConversion.PointCount(metric));
                        error ??= "metric has an empty name; a name is required";
                        continue;
                    }

                    MetricConversion.AddPoints(metric, resource, scope, _interner, points, ref rejected, ref error);
                }
            }
        }

        return points;
    }

    private SpanLinkRecord[] Links(Google.Protobuf.Collections.RepeatedField<TracingLab.Otlp.Trace.V1.Span.Types.Link> links)
    {
        var result = new List<SpanLinkRecord>(links.Count);
        foreach (var link in links)
        {
            if (TraceId.TryFromBytes(link.TraceId, out var traceId) && SpanIds.TryFromBytes(link.SpanId, out var spanId))
            {
                result.Add(new SpanLinkRecord(traceId, spanId, string.IsNullOrEmpty(link.TraceState) ? null : link.TraceState, OtlpValues.ToAttrs(link.Attributes, _interner)));
            }
        }

        return [.. result];
    }

    internal ResourceInfo Resource(Resource? proto)
    {
        proto ??= new Resource();
        var key = new StringBuilder();
        foreach (var kv in proto.Attributes)
        {
            key.Append(kv.Key).Append('\u001f').Append(OtlpValues.Display(kv.Value)).Append('\u001e');
        }

        var keyText = key.ToString();
        if (_resources.TryGetValue(keyText, out var existing))
        {
            return existing;
        }

        var attrs = OtlpValues.ToAttrs(proto.Attributes, _interner);
        var service = OtlpValues.Find(attrs, "service.name");
        var created = new ResourceInfo(
            _interner.Intern(string.IsNullOrWhiteSpace(service) ? "unknown_service" : service),
            OtlpValues.Find(attrs, "service.instance.id") ?? string.Empty,
            attrs,
            proto.Clone());
        return _resources.Count < MaxCachedResources ? _resources.GetOrAdd(keyText, created) : created;
    }

    internal ScopeInfo Scope(InstrumentationScope? proto)
    {
        proto ??= new InstrumentationScope();
        var key = proto.Name + "\u001f" + proto.Version + "\u001f" + proto.Attributes.Count;
        if (_scopes.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var created = new ScopeInfo(proto.Clone());
        return _scopes.Count < MaxCachedResources ? _scopes.GetOrAdd(key, created) : created;
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
