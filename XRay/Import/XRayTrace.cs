namespace TracingLab.XRay.Import;

/// <summary>One trace of <c>aws xray batch-get-traces</c> output: its segment documents, parsed.</summary>
/// <param name="Id">X-Ray trace id.</param>
/// <param name="Duration">Seconds, as reported by X-Ray (null if absent).</param>
/// <param name="LimitExceeded">X-Ray dropped segments beyond its per-trace limit.</param>
/// <param name="Segments">Top-level documents, each with its embedded subsegments.</param>
public sealed record XRayTrace(string Id, double? Duration, bool LimitExceeded, IReadOnlyList<XRaySegment> Segments)
{
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
