using System.Globalization;
using System.Security;
using System.Text;

namespace TracingLab.LinkCompare.Report;

/// <summary>
/// A tiny SVG builder: invariant culture and two fixed decimals everywhere, so the same run always renders the same
/// bytes (the golden test depends on it).
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _svg = new();

    public SvgWriter(double width, double height, string title)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        _svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>\n");
        _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
    }

    public static string N(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        var dashAttr = dash is null ? "" : $" stroke-dasharray=\"{dash}\"";
        _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"{dashAttr}/>\n");
    }

    public void Rect(double x, double y, double width, double height, string fill, string? tooltip = null)
    {
        if (tooltip is null)
        {
            _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"/>\n");
            return;
        }

        _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\"><title>{Escape(tooltip)}</title></rect>\n");
    }

    /// <summary>A fault window's band: a rect marked <c>class="fault-band"</c> with its link and kind, for pages and tests to find.</summary>
    public void Band(double x, double y, double width, double height, string fill, string link, string kind, string tooltip) =>
        _svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"fault-band\" data-link=\"{Escape(link)}\" data-kind=\"{Escape(kind)}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" fill=\"{fill}\" fill-opacity=\"0.55\"><title>{Escape(tooltip)}</title></rect>\n");

    public void Text(double x, double y, string text, string anchor = "start", string? fill = null, double? size = null, double? rotate = null)
    {
        var fillAttr = fill is null ? "" : $" fill=\"{fill}\"";
        var sizeAttr = size is null ? "" : $" font-size=\"{N(size.Value)}\"";
        var rotateAttr = rotate is null ? "" : $" transform=\"rotate({N(rotate.Value)} {N(x)} {N(y)})\"";
        _svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\"{fillAttr}{sizeAttr}{rotateAttr}>{Escape(text)}</text>\n");
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width, string tooltip)
    {
        var coordinates = string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));
        _svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"><title>{Escape(tooltip)}</title></polyline>\n");
    }

    public override string ToString() => _svg + "</svg>\n";
}
