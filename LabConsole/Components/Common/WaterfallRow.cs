using TracingLab.AspireTelemetry;

namespace TracingLab.LabConsole.Components.Common;

/// <summary>A span placed in the waterfall: depth-first under its parent, children by start time.</summary>
public sealed record WaterfallRow(TraceSpan Span, int Depth, bool HasChildren)
{
    /// <summary>Orders spans as a tree; spans whose parent is missing (not arrived, or in another trace) become roots.</summary>
    public static List<WaterfallRow> Build(IReadOnlyList<TraceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.StartUnixNano).ToList(), StringComparer.Ordinal);
        var rows = new List<WaterfallRow>(spans.Count);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        // Iterative depth-first walk: a hostile trace can nest spans arbitrarily deep, so no recursion.
        var stack = new Stack<(TraceSpan Span, int Depth)>();
        foreach (var root in spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderByDescending(s => s.StartUnixNano))
        {
            stack.Push((root, 0));
        }

        while (stack.Count > 0)
        {
            var (span, depth) = stack.Pop();
            if (!visited.Add(span.SpanId))
            {
                continue;
            }

            var kids = children.GetValueOrDefault(span.SpanId);
            rows.Add(new WaterfallRow(span, depth, kids is { Count: > 0 }));
            for (var i = (kids?.Count ?? 0) - 1; i >= 0; i--)
            {
                stack.Push((kids![i], depth + 1));
            }
        }

        // Cycles (a malformed trace) leave spans unvisited; show them flat rather than lose them.
        foreach (var span in spans.Where(s => !visited.Contains(s.SpanId)))
        {
            rows.Add(new WaterfallRow(span, 0, false));
        }

        return rows;
    }
}
