using System.Globalization;
using System.Net;
using System.Text;
using TracingLab.Contracts.Links;
using TracingLab.LabConsole.Components.Common;
using TracingLab.LinkCompare.Report;

namespace TracingLab.LabConsole.ServiceMap;

/// <summary>
/// Renders a service map as inline SVG on the server: services in columns by call depth (callers left of callees),
/// edges as curves labelled with link, count, error rate, p50 and p99. Parallel edges (same pair, different
/// links) bend apart so their labels don't overlap. An edge that skips a column (servicea→servicec beside
/// servicea→serviceb→servicec) leaves and enters at the top of its services and runs along its own lane above every
/// service, so it never shares a line, an end point or a label position with the edges between neighbours.
/// </summary>
public static class ServiceMapSvg
{
    private const int NodeWidth = 150;
    private const int NodeHeight = 52;
    private const int ColumnGap = 330;
    private const int RowGap = 150;
    private const int Margin = 40;
    private const int LaneGap = 56;

    public static string Render(ServiceMapModel map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Nodes.Count == 0)
        {
            return "<p class=\"tl-empty\">No services yet.</p>";
        }

        var skipping = SkipEdges(map);
        var lanes = skipping.Count;
        var positions = Layout(map, top: Margin + 70 + (Math.Max(0, lanes - 1) * LaneGap));
        var width = positions.Values.Max(p => p.X) + NodeWidth + (2 * Margin);
        var height = positions.Values.Max(p => p.Y) + NodeHeight + (2 * Margin);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"tl-map\" data-testid=\"service-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Service map\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#616161\"/></marker></defs>");

        var lane = 0;
        foreach (var group in map.Edges.GroupBy(e => (e.From, e.To)))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var (from, to) = (positions[list[i].From], positions[list[i].To]);
                if (Math.Abs(to.X - from.X) > ColumnGap)
                {
                    AppendLaneEdge(svg, list[i], from, to, lane++, lanes);
                    continue;
                }

                var bend = (i - ((list.Count - 1) / 2.0)) * 70;
                AppendEdge(svg, list[i], from, to, bend);
            }
        }

        foreach (var node in map.Nodes)
        {
            var (x, y) = positions[node.Name];
            var color = ServiceColors.For(node.Name);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node\" data-service=\"{Encode(node.Name)}\"><rect x=\"{x}\" y=\"{y}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"8\" fill=\"#fff\" stroke=\"{color}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (NodeWidth / 2)}\" y=\"{y + 22}\" text-anchor=\"middle\" font-weight=\"600\" fill=\"{color}\">{Encode(node.Name)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (NodeWidth / 2)}\" y=\"{y + 40}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#616161\">{node.SpanCount} spans{(node.ErrorCount > 0 ? $", {node.ErrorCount} errors" : string.Empty)}</text></g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static List<ServiceEdge> SkipEdges(ServiceMapModel map)
    {
        var depth = Depths(map);
        return [.. map.Edges.Where(e => Math.Abs(depth[e.To] - depth[e.From]) > 1)];
    }

    /// <summary>
    /// An edge over the services between its ends: up from the top of the caller, along lane <paramref name="lane"/>
    /// (lane 0 nearest the services), down into the top of the callee, its label on the lane.
    /// </summary>
    private static void AppendLaneEdge(StringBuilder svg, ServiceEdge edge, (int X, int Y) from, (int X, int Y) to, int lane, int lanes)
    {
        // Several lane edges leaving or entering one service use different points of its top side.
        double x1 = from.X + (NodeWidth / 2) + ((lane - ((lanes - 1) / 2.0)) * 16);
        double x2 = to.X + (NodeWidth / 2) + ((lane - ((lanes - 1) / 2.0)) * 16);
        double y1 = from.Y;
        double y2 = to.Y;
        double ly = Margin + 20 + ((lanes - 1 - lane) * LaneGap);
        var lx = (x1 + x2) / 2;
        var dir = x2 >= x1 ? 1 : -1;
        var stroke = edge.ErrorRate > 0 ? "#c50f1f" : "#616161";
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"edge\" data-from=\"{Encode(edge.From)}\" data-to=\"{Encode(edge.To)}\" data-link=\"{Encode(edge.Link)}\" data-route=\"lane\">");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M {x1:0.#} {y1:0.#} V {ly + 10:0.#} Q {x1:0.#} {ly:0.#} {x1 + (10 * dir):0.#} {ly:0.#} H {x2 - (10 * dir):0.#} Q {x2:0.#} {ly:0.#} {x2:0.#} {ly + 10:0.#} V {y2:0.#}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{Math.Min(6, 1.5 + Math.Log10(edge.Count))}\" stroke-dasharray=\"6 3\" marker-end=\"url(#arrow)\"/>");
        AppendLabel(svg, edge, lx, ly);
        svg.Append("</g>");
    }

    private static void AppendEdge(StringBuilder svg, ServiceEdge edge, (int X, int Y) from, (int X, int Y) to, double bend)
    {
        // Leave from the caller's right side and enter the callee's left side (or vice versa for back edges).
        var forward = to.X > from.X;
        double x1 = forward ? from.X + NodeWidth : from.X + (NodeWidth / 2);
        double y1 = forward ? from.Y + (NodeHeight / 2) : from.Y + NodeHeight;
        double x2 = forward ? to.X : to.X + (NodeWidth / 2);
        double y2 = forward ? to.Y + (NodeHeight / 2) : to.Y;
        if (to.X == from.X && to.Y < from.Y)
        {
            (y1, y2) = (from.Y, to.Y + NodeHeight);
        }

        var mx = (x1 + x2) / 2;
        var my = (y1 + y2) / 2;
        var dx = x2 - x1;
        var dy = y2 - y1;
        var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
        var cx = mx + (-dy / length * bend);
        var cy = my + (dx / length * bend);
        var lx = (0.25 * x1) + (0.5 * cx) + (0.25 * x2);
        var ly = (0.25 * y1) + (0.5 * cy) + (0.25 * y2);
        var stroke = edge.ErrorRate > 0 ? "#c50f1f" : "#616161";
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"edge\" data-from=\"{Encode(edge.From)}\" data-to=\"{Encode(edge.To)}\" data-link=\"{Encode(edge.Link)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M {x1:0.#} {y1:0.#} Q {cx:0.#} {cy:0.#} {x2:0.#} {y2:0.#}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{Math.Min(6, 1.5 + Math.Log10(edge.Count))}\" marker-end=\"url(#arrow)\"/>");
        AppendLabel(svg, edge, lx, ly);
        svg.Append("</g>");
    }

    private static void AppendLabel(StringBuilder svg, ServiceEdge edge, double lx, double ly)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx - 86:0.#}\" y=\"{ly - 22:0.#}\" width=\"172\" height=\"40\" rx=\"4\" fill=\"#fafafa\" stroke=\"#e0e0e0\"/>");
        // The link's name in its chart colour, and what the link changes as the label's tooltip.
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(LinkDescriptions.Describe(edge.Link))}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx:0.#}\" y=\"{ly - 7:0.#}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\"><tspan fill=\"{LinkColors.Of(edge.Link, 0)}\">{Encode(edge.Link)}</tspan> · {edge.Count} call{(edge.Count == 1 ? string.Empty : "s")} · {edge.ErrorRate * 100:0.#}% err</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx:0.#}\" y=\"{ly + 10:0.#}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#424242\">p50 {Format.Duration(edge.P50Ms)} · p99 {Format.Duration(edge.P99Ms)}</text>");
    }

    private static Dictionary<string, (int X, int Y)> Layout(ServiceMapModel map, int top)
    {
        var depth = Depths(map);
        var positions = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        foreach (var column in depth.GroupBy(d => d.Value).OrderBy(g => g.Key))
        {
            var row = 0;
            foreach (var name in column.Select(c => c.Key).Order(StringComparer.Ordinal))
            {
                positions[name] = (Margin + (column.Key * ColumnGap), top + (row * RowGap) + (column.Key % 2 * (RowGap / 2)));
                row++;
            }
        }

        return positions;
    }

    private static Dictionary<string, int> Depths(ServiceMapModel map)
    {
        // Depth = longest caller chain above a service (cycles are cut by the visit limit).
        var depth = map.Nodes.ToDictionary(n => n.Name, _ => 0, StringComparer.Ordinal);
        for (var pass = 0; pass < map.Nodes.Count; pass++)
        {
            foreach (var edge in map.Edges)
            {
                if (edge.From != edge.To && depth[edge.To] < depth[edge.From] + 1 && depth[edge.From] + 1 < map.Nodes.Count)
                {
                    depth[edge.To] = depth[edge.From] + 1;
                }
            }
        }

        return depth;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
