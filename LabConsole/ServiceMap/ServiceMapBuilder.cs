using TracingLab.AspireTelemetry;

namespace TracingLab.LabConsole.ServiceMap;

/// <summary>
/// Derives the service map from spans: a call is a span whose parent span belongs to another service. The call's
/// latency is the caller-side (client) span's duration when there is one, which includes the network and the link;
/// otherwise the callee's span. An error on either side counts as a failed call.
/// </summary>
public static class ServiceMapBuilder
{
    public static ServiceMapModel Build(IEnumerable<LocalTrace> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var nodes = new Dictionary<string, (int Spans, int Errors)>(StringComparer.Ordinal);
        var edges = new Dictionary<(string From, string To, string Link), List<(double Ms, bool Error)>>();
        foreach (var trace in traces)
        {
            var byId = new Dictionary<string, TraceSpan>(trace.Spans.Count, StringComparer.Ordinal);
            foreach (var span in trace.Spans)
            {
                byId.TryAdd(span.SpanId, span);
                var service = span.Service;
                var node = nodes.GetValueOrDefault(service);
                nodes[service] = (node.Spans + 1, node.Errors + (span.IsError ? 1 : 0));
            }

            foreach (var span in trace.Spans)
            {
                if (span.ParentSpanId is null || !byId.TryGetValue(span.ParentSpanId, out var parent)
                    || parent.Service == span.Service)
                {
                    continue;
                }

                var link = span.Link ?? parent.Link ?? "direct";
                var key = (parent.Service, span.Service, link);
                if (!edges.TryGetValue(key, out var calls))
                {
                    calls = [];
                    edges.Add(key, calls);
                }

                var latency = parent.Kind == TraceSpan.ClientKind ? parent.DurationMs : span.DurationMs;
                calls.Add((latency, span.IsError || parent.IsError));
            }
        }

        return new ServiceMapModel(
            [.. nodes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => new ServiceNode(n.Key, n.Value.Spans, n.Value.Errors))],
            [.. edges.OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal).ThenBy(e => e.Key.Link, StringComparer.Ordinal)
                .Select(e =>
                {
                    var sorted = e.Value.Select(c => c.Ms).Order().ToArray();
                    return new ServiceEdge(e.Key.From, e.Key.To, e.Key.Link, e.Value.Count, e.Value.Count(c => c.Error) / (double)e.Value.Count,
                        Percentile(sorted, 0.50), Percentile(sorted, 0.99));
                })]);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
