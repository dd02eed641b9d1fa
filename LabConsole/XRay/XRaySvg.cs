using System.Globalization;
using System.Net;
using System.Text;

namespace TracingLab.LabConsole.XRay;

/// <summary>Inline SVG for the X-Ray page: a timeline of segment bars and a trace map of segment names.</summary>
public static class XRaySvg
{
    private const int Width = 900;
    private const int LabelWidth = 260;
    private const int RowHeight = 20;

    /// <summary>One bar per row, indented by depth; red for faults, orange for errors and throttles.</summary>
    public static string Timeline(IReadOnlyList<XRayRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var total = Math.Max(0.001, rows.Max(r => r.StartMs + (r.DurationMs ?? 0)));
        var track = Width - LabelWidth - 10;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{(rows.Count * RowHeight) + 24}\" role=\"img\" aria-label=\"X-Ray timeline\" data-testid=\"xray-timeline\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"12\" font-size=\"11\" fill=\"#616161\">0 ms</text><text x=\"{Width - 10}\" y=\"12\" font-size=\"11\" fill=\"#616161\" text-anchor=\"end\">{XRayRows.Ms(total)}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = 20 + (i * RowHeight);
            var x = LabelWidth + (r.StartMs / total * track);
            var w = Math.Max(2, (r.DurationMs ?? 0) / total * track);
            var color = r.Segment.Fault ? "#d13438" : r.Segment.Error || r.Segment.Throttle ? "#f7630c" : r.Segment.IsSubsegment ? "#8bb8e8" : "#0f6cbd";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{4 + (r.Depth * 12)}\" y=\"{y + 13}\" font-size=\"12\">{E(r.Segment.Name)}{(r.Segment.Namespace is { } ns ? " (" + E(ns) + ")" : string.Empty)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{RowHeight - 6}\" rx=\"2\" fill=\"{color}\"><title>{E(r.Segment.Name)}: {XRayRows.Ms(r.DurationMs ?? 0)} at +{XRayRows.Ms(r.StartMs)}</title></rect>");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Nodes are segment names (and remote subsegments nobody answered: X-Ray's inferred nodes, dashed);
    /// an edge is a call from one segment's subsegment to the next segment or remote node.</summary>
    public static string Map(IReadOnlyList<XRayRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var byId = rows.GroupBy(r => r.Segment.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var edges = new List<(string From, string To)>();
        var inferred = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!r.Segment.IsSubsegment && r.ParentId is { } p && byId.TryGetValue(p, out var caller))
            {
                edges.Add((caller.Service, r.Segment.Name));
            }
            else if (r.Segment.IsSubsegment && r.Segment.Namespace is "remote" or "aws" && !rows.Any(c => c.ParentId == r.Segment.Id && !c.Segment.IsSubsegment))
            {
                inferred.Add(r.Segment.Name);
                edges.Add((r.Service, r.Segment.Name));
            }
        }

        var nodes = rows.Where(r => !r.Segment.IsSubsegment).Select(r => r.Segment.Name).Concat(inferred).Distinct(StringComparer.Ordinal).ToList();
        var level = nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        for (var pass = 0; pass < nodes.Count; pass++)
        {
            foreach (var (from, to) in edges.Distinct())
            {
                if (from != to && level.TryGetValue(from, out var l) && level[to] < l + 1 && l + 1 < nodes.Count)
                {
                    level[to] = l + 1;
                }
            }
        }

        // An edge that skips a column (servicea→servicec beside servicea→serviceb→servicec) would run straight through
        // the services between; it arcs over them instead, each on its own lane, so every edge and label can be seen.
        var distinct = edges.Distinct().ToList();
        var skipping = distinct.Where(e => Math.Abs(level[e.To] - level[e.From]) > 1).ToList();
        var top = 50 + (skipping.Count * 40);
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var column in nodes.GroupBy(n => level[n]))
        {
            var i = 0;
            foreach (var n in column)
            {
                position[n] = (90 + (column.Key * 260), top + (i++ * 90));
            }
        }

        var height = position.Count == 0 ? 100 : (int)position.Values.Max(p => p.Y) + 60;
        var width = position.Count == 0 ? 200 : (int)position.Values.Max(p => p.X) + 100;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"X-Ray trace map\" data-testid=\"xray-map\">");
        sb.Append("<defs><marker id=\"xr-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#616161\"/></marker></defs>");
        foreach (var (from, to) in distinct)
        {
            var (x1, y1) = position[from];
            var (x2, y2) = position[to];
            var count = edges.Count(e => e == (from, to));
            var label = $"{E(from)} → {E(to)} · {count} call{(count == 1 ? string.Empty : "s")}";
            var lane = skipping.IndexOf((from, to));
            double lx, ly;
            if (lane >= 0)
            {
                // From the top of one circle to the top of the other, the curve's apex on lane (lane 0 nearest).
                var apex = top - 40 - (lane * 40);
                var cy = (2 * apex) - ((y1 + y2 - 64) / 2);
                (lx, ly) = ((x1 + x2) / 2, apex - 4);
                sb.Append(CultureInfo.InvariantCulture, $"<path class=\"xr-edge\" data-from=\"{E(from)}\" data-to=\"{E(to)}\" d=\"M {x1:0.#} {y1 - 32:0.#} Q {lx:0.#} {cy:0.#} {x2:0.#} {y2 - 32:0.#}\" fill=\"none\" stroke=\"#616161\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\" marker-end=\"url(#xr-arrow)\"><title>{label}</title></path>");
            }
            else
            {
                (lx, ly) = ((x1 + x2) / 2, ((y1 + y2) / 2) - 6);
                sb.Append(CultureInfo.InvariantCulture, $"<line class=\"xr-edge\" data-from=\"{E(from)}\" data-to=\"{E(to)}\" x1=\"{x1 + 34}\" y1=\"{y1}\" x2=\"{x2 - 34}\" y2=\"{y2}\" stroke=\"#616161\" stroke-width=\"1.5\" marker-end=\"url(#xr-arrow)\"><title>{label}</title></line>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"xr-edge-label\" x=\"{lx:0.#}\" y=\"{ly:0.#}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#424242\">{label}</text>");
        }

        foreach (var n in nodes)
        {
            var (x, y) = position[n];
            var faulty = rows.Any(r => r.Service == n && r.Segment.Fault);
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x}\" cy=\"{y}\" r=\"32\" fill=\"#fff\" stroke=\"{(faulty ? "#d13438" : "#0f6cbd")}\" stroke-width=\"3\"{(inferred.Contains(n) ? " stroke-dasharray=\"5 4\"" : string.Empty)}/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + 48}\" font-size=\"12\" text-anchor=\"middle\">{E(n)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
