using System.Globalization;
using System.Text;

namespace TracingLab.XRay.Compare;

/// <summary>Renders a comparison as plain text for the <c>compare</c> command (CI logs).</summary>
public static class ComparisonTextRenderer
{
    public static string Render(TraceComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failures = report.Failures.Count();
        var sb = new StringBuilder();
        sb.AppendLine(Inv($"Trace {report.TraceId}: {(report.Passed ? "PASS" : "FAIL")} ({failures} difference{(failures == 1 ? "" : "s")} beyond tolerances, {report.Differences.Count - failures} within)"));
        sb.AppendLine(Inv($"Clock offset removed: {report.ClockOffsetMs:+0.###;-0.###;0} ms ({report.ClockOffsetBasis})"));
        var byId = report.Matches.Count(m => m.MatchedBy == MatchMethod.Id);
        sb.AppendLine(Inv($"Matched {report.Matches.Count} of {report.LocalSegmentCount} local and {report.XRaySegmentCount} X-Ray entries ({byId} by id, {report.Matches.Count - byId} by name and parent); {report.InferredSegmentsIgnored} inferred X-Ray segment(s) ignored"));
        sb.AppendLine(Inv($"Tolerances: timing {report.Tolerances.MaxTimingDeltaMs:0.###} ms, extra segments {(report.Tolerances.AllowExtraSegments ? "allowed" : "not allowed")}, missing segments {(report.Tolerances.AllowMissingSegments ? "allowed" : "not allowed")}, annotations {(report.Tolerances.CompareAnnotations ? "compared" : "ignored")}"));
        if (report.Matches.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Matches (X-Ray minus local, offset removed):");
            foreach (var m in report.Matches)
            {
                var duration = m.DurationDeltaMs is { } d ? Inv($"{d:+0.###;-0.###;0}") : "n/a";
                sb.AppendLine(Inv($"  {m.LocalId} = {m.XRayId}  {(m.IsSubsegment ? "sub " : "seg ")} {m.Name,-32} by {m.MatchedBy,-13} start {m.StartDeltaMs:+0.###;-0.###;0} ms  duration {duration} ms"));
            }
        }
        if (report.Differences.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Differences ('!' exceeds tolerances):");
            foreach (var d in report.Differences)
            {
                sb.AppendLine(Inv($"  {(d.ExceedsTolerance ? '!' : ' ')} {d.Kind,-17} {d.Detail}"));
            }
        }
        if (report.LocalRejections.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Local spans X-Ray would refuse:");
            foreach (var r in report.LocalRejections)
            {
                sb.AppendLine("  " + r);
            }
        }
        return sb.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
