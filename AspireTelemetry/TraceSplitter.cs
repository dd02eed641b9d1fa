using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.AspireTelemetry;

/// <summary>Splits resource spans holding several traces (the dashboard's trace list) into one <see cref="LocalTrace"/> per trace id.</summary>
public static class TraceSplitter
{
    public static IReadOnlyList<LocalTrace> Split(IEnumerable<ResourceSpans> resourceSpans) =>
        [.. Group(resourceSpans).Select(t => new LocalTrace(t.Key, t.Value))];

    /// <summary>The resource spans of each trace id, each part with its resource and scope; spans without a valid id are skipped.</summary>
    public static Dictionary<XRayTraceId, List<ResourceSpans>> Group(IEnumerable<ResourceSpans> resourceSpans)
    {
        ArgumentNullException.ThrowIfNull(resourceSpans);
        var byTrace = new Dictionary<XRayTraceId, List<ResourceSpans>>();
        foreach (var rs in resourceSpans)
        {
            foreach (var ss in rs.ScopeSpans)
            {
                foreach (var group in ss.Spans.GroupBy(s => XRayTraceId.TryFromBytes(s.TraceId.Span, out var id) ? id : default))
                {
                    if (group.Key.IsEmpty)
                    {
                        continue;
                    }

                    var scope = new ScopeSpans { Scope = ss.Scope };
                    scope.Spans.AddRange(group);
                    var part = new ResourceSpans { Resource = rs.Resource };
                    part.ScopeSpans.Add(scope);
                    (byTrace.TryGetValue(group.Key, out var list) ? list : byTrace[group.Key] = []).Add(part);
                }
            }
        }

        return byTrace;
    }
}
