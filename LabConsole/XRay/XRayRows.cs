using System.Globalization;
using System.Text.Json;
using TracingLab.XRay.Import;

namespace TracingLab.LabConsole.XRay;

/// <summary>One segment or subsegment as a table/timeline row.</summary>
/// <param name="ParentId">The parent as X-Ray sees it: parent_id, or the enclosing entry for embedded subsegments.</param>
/// <param name="Service">The segment this row belongs to (itself for segments): the node of the trace map.</param>
/// <param name="StartMs">Milliseconds after the earliest start of the trace.</param>
public sealed record XRayRow(XRaySegment Segment, string? ParentId, int Depth, double StartMs, double? DurationMs, string Service)
{
    public string Annotations => string.Join(", ", Segment.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal)
        .Select(a => $"{a.Key}={(a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString() : a.Value.GetRawText())}"));

    public string Flags => string.Join(" ", new[] { Segment.Error ? "error" : null, Segment.Fault ? "fault" : null, Segment.Throttle ? "throttle" : null }.OfType<string>());
}

/// <summary>Segments (independent or embedded) ordered as a tree, for the X-Ray page.</summary>
public static class XRayRows
{
    public static IReadOnlyList<XRayRow> Build(IEnumerable<XRaySegment> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var flat = new List<(XRaySegment Segment, string? Parent)>();
        foreach (var d in documents)
        {
            Flatten(d, d.ParentId, flat);
        }

        if (flat.Count == 0)
        {
            return [];
        }

        var origin = flat.Min(f => f.Segment.StartTime);
        var ids = flat.Select(f => f.Segment.Id).ToHashSet(StringComparer.Ordinal);
        var children = flat.Where(f => f.Parent is not null && ids.Contains(f.Parent)).ToLookup(f => f.Parent!, StringComparer.Ordinal);
        var rows = new List<XRayRow>();
        var seen = new HashSet<XRaySegment>();
        void Visit((XRaySegment Segment, string? Parent) node, int depth, string? service)
        {
            if (!seen.Add(node.Segment))
            {
                return;
            }

            var own = node.Segment.IsSubsegment ? service ?? node.Segment.Name : node.Segment.Name;
            rows.Add(new XRayRow(node.Segment, node.Parent, depth, (node.Segment.StartTime - origin) * 1000, node.Segment.DurationMs, own));
            foreach (var child in children[node.Segment.Id].OrderBy(c => c.Segment.StartTime))
            {
                Visit(child, depth + 1, own);
            }
        }

        foreach (var root in flat.Where(f => f.Parent is null || !ids.Contains(f.Parent)).OrderBy(f => f.Segment.StartTime))
        {
            Visit(root, 0, null);
        }

        return rows;
    }

    /// <summary>Parses translated documents; unreadable ones (there should be none) are skipped.</summary>
    public static IReadOnlyList<XRaySegment> Parse(IEnumerable<string> documents) =>
        [.. documents.Select(d => SegmentDocumentParser.TryParse(d, out var s, out _) ? s : null).OfType<XRaySegment>()];

    public static string Ms(double ms) => ms.ToString("0.##", CultureInfo.InvariantCulture) + " ms";

    private static void Flatten(XRaySegment segment, string? parent, List<(XRaySegment, string?)> into)
    {
        into.Add((segment, parent));
        foreach (var sub in segment.Subsegments)
        {
            Flatten(sub, segment.Id, into);
        }
    }
}
