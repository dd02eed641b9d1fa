using System.Xml.Linq;
using TracingLab.LabConsole.XRay;

namespace TracingLab.LabConsole.Tests;

public class XRayTraceMapTests
{
    private const string TraceId = "1-6b02d904-afb0b1b2b3b4b5b6b7b8b9ba";

    private static string Segment(string name, string id, string? parent, params (string Name, string Id)[] calls) =>
        $$"""{"name":"{{name}}","id":"{{id}}","trace_id":"{{TraceId}}",{{(parent is null ? "" : $"\"parent_id\":\"{parent}\",")}}"start_time":1795348740.0,"end_time":1795348740.05,"subsegments":[{{string.Join(",", calls.Select(c => $$"""{"name":"{{c.Name}}","id":"{{c.Id}}","namespace":"remote","start_time":1795348740.001,"end_time":1795348740.04}"""))}}]}""";

    [Fact]
    public void ServiceaToServicecBesideTheChainThroughServicebIsItsOwnLabelledArc()
    {
        var rows = XRayRows.Build(XRayRows.Parse(
        [
            Segment("servicea", "00000000000000a1", null, ("serviceb", "00000000000000a2"), ("servicec", "00000000000000a3")),
            Segment("serviceb", "00000000000000b1", "00000000000000a2", ("servicec", "00000000000000b2")),
            Segment("servicec", "00000000000000c1", "00000000000000b2"),
            Segment("servicec", "00000000000000c3", "00000000000000a3"),
        ]));

        var svg = XElement.Parse(XRaySvg.Map(rows));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var edges = svg.Elements().Where(e => (string?)e.Attribute("class") == "xr-edge").ToList();
        var labels = svg.Elements(ns + "text").Where(t => (string?)t.Attribute("class") == "xr-edge-label").ToList();

        Assert.Equal(
            ["servicea>serviceb", "servicea>servicec", "serviceb>servicec"],
            edges.Select(e => $"{e.Attribute("data-from")!.Value}>{e.Attribute("data-to")!.Value}").Order());
        var skip = Assert.Single(edges, e => e.Name == ns + "path");
        Assert.Equal("servicec", (string?)skip.Attribute("data-to"));
        Assert.Equal(3, labels.Count);
        Assert.Equal(3, labels.Select(l => (l.Attribute("x")!.Value, l.Attribute("y")!.Value)).Distinct().Count());
        Assert.Contains(labels, l => l.Value.StartsWith("servicea → servicec", StringComparison.Ordinal));
        // The arc's label is above every service's circle.
        var arcLabelY = double.Parse(labels.Single(l => l.Value.StartsWith("servicea → servicec", StringComparison.Ordinal)).Attribute("y")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(svg.Elements(ns + "circle"), c => Assert.True(arcLabelY < double.Parse(c.Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture) - 32));
    }
}
