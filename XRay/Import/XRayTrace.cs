namespace TracingLab.XRay.Import;

/// <summary>One trace as imported: its segment documents, parsed (<c>batch-get-traces</c>, <c>list-retrieved-traces
/// --trace-format XRAY</c>), or its spans (<c>--trace-format OTEL</c>, <c>aws/spans</c> records) with the segments the
/// lab's translation makes of them.</summary>
/// <param name="Id">X-Ray trace id.</param>
/// <param name="Duration">Seconds, as reported by X-Ray (null if absent).</param>
/// <param name="LimitExceeded">X-Ray dropped segments beyond its per-trace limit.</param>
/// <param name="Segments">Top-level documents, each with its embedded subsegments.</param>
public sealed record XRayTrace(string Id, double? Duration, bool LimitExceeded, IReadOnlyList<XRaySegment> Segments)
{
    /// <summary>Which CLI output the trace came from.</summary>
    public XRayImportFormat Format { get; init; } = XRayImportFormat.BatchGetTraces;

    /// <summary>The spans as AWS returned them, for the span forms; null for segment-document forms. The comparer
    /// translates these with the same translator as the local side, so both sides go through the same rules.</summary>
    public IReadOnlyList<TracingLab.Otlp.Trace.V1.ResourceSpans>? Spans { get; init; }

    /// <summary>Every segment and subsegment, depth first.</summary>
    public IEnumerable<XRaySegment> AllSegments()
    {
        var stack = new Stack<XRaySegment>(Segments.Reverse());
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            yield return s;
            for (var i = s.Subsegments.Count - 1; i >= 0; i--)
            {
                stack.Push(s.Subsegments[i]);
            }
        }
    }
}
