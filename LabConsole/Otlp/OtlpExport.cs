using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Logs.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.Dashboard.Otlp;

/// <summary>
/// Stored records back to OTLP messages, grouped by resource and scope as an exporter would send them.
/// This is the entry point for other components (e.g. the X-Ray translation): store.GetTrace(id) then ToResourceSpans.
/// </summary>
public static class OtlpExport
{
    public static IReadOnlyList<ResourceSpans> ToResourceSpans(IEnumerable<SpanRecord> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var result = new List<ResourceSpans>();
        foreach (var byResource in spans.GroupBy(s => s.Resource))
        {
            var resourceSpans = new ResourceSpans { Resource = byResource.Key.Proto };
            foreach (var byScope in byResource.GroupBy(s => s.Scope))
            {
                var scopeSpans = new ScopeSpans { Scope = byScope.Key.Proto };
                scopeSpans.Spans.AddRange(byScope.Select(ToSpan));
                resourceSpans.ScopeSpans.Add(scopeSpans);
            }

            result.Add(resourceSpans);
        }

        return result;
    }

    /// <summary>A request carrying the spans: the same shape as OTLP TracesData ({"resourceSpans": [...]}).</summary>
    public static ExportTraceServiceRequest ToTracesRequest(IEnumerable<SpanRecord> spans)
    {
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.AddRange(ToResourceSpans(spans));
        return request;
    }

    public static ExportLogsServiceRequest ToLogsRequest(IEnumerable<LogEntry> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var request = new ExportLogsServiceRequest();
        foreach (var byResource in logs.GroupBy(l => l.Resource))
        {
            var resourceLogs = new ResourceLogs { Resource = byResource.Key.Proto };
            foreach (var byScope in byResource.GroupBy(l => l.Scope))
            {
                var scopeLogs = new ScopeLogs { Scope = byScope.Key.Proto };
                scopeLogs.LogRecords.AddRange(byScope.Select(ToLogRecord));
                resourceLogs.ScopeLogs.Add(scopeLogs);
            }

            request.ResourceLogs.Add(resourceLogs);
        }

        return request;
    }

    public static Span ToSpan(SpanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var span = new Span
        {
            TraceId = Google.Protobuf.ByteString.CopyFrom(record.TraceId.ToBytes()),
            SpanId = SpanIds.ToByteString(record.SpanId),
            ParentSpanId = SpanIds.ToByteString(record.ParentSpanId),
            Name = record.Name,
            Kind = (Span.Types.SpanKind)record.Kind,
            StartTimeUnixNano = record.StartUnixNano,
            EndTimeUnixNano = record.EndUnixNano,
            TraceState = record.TraceState ?? string.Empty,
            Flags = record.Flags,
            Status = new Status { Code = (Status.Types.StatusCode)record.StatusCode, Message = record.StatusMessage ?? string.Empty },
        };
        OtlpValues.AddTo(span.Attributes, record.Attributes);
        foreach (var e in record.Events ?? [])
        {
            var ev = new Span.Types.Event { Name = e.Name, TimeUnixNano = e.TimeUnixNano };
            OtlpValues.AddTo(ev.Attributes, e.Attributes);
            span.Events.Add(ev);
        }

        foreach (var l in record.Links ?? [])
        {
            var link = new Span.Types.Link
            {
                TraceId = Google.Protobuf.ByteString.CopyFrom(l.TraceId.ToBytes()),
                SpanId = SpanIds.ToByteString(l.SpanId),
                TraceState = l.TraceState ?? string.Empty,
            };
            OtlpValues.AddTo(link.Attributes, l.Attributes);
            span.Links.Add(link);
        }

        return span;
    }

    public static LogRecord ToLogRecord(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = new LogRecord
        {
            TimeUnixNano = entry.TimeUnixNano,
            ObservedTimeUnixNano = entry.ObservedTimeUnixNano,
            SeverityNumber = (SeverityNumber)entry.SeverityNumber,
            SeverityText = entry.SeverityText ?? string.Empty,
            Body = entry.StructuredBody ?? new TracingLab.Otlp.Common.V1.AnyValue { StringValue = entry.Body },
            TraceId = entry.TraceId.IsEmpty ? Google.Protobuf.ByteString.Empty : Google.Protobuf.ByteString.CopyFrom(entry.TraceId.ToBytes()),
            SpanId = SpanIds.ToByteString(entry.SpanId),
            Flags = entry.Flags,
            EventName = entry.EventName ?? string.Empty,
        };
        OtlpValues.AddTo(record.Attributes, entry.Attributes);
        return record;
    }
}
