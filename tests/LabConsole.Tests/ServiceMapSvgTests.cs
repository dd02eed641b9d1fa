using System.Text.RegularExpressions;
using System.Xml.Linq;
using TracingLab.LabConsole.ServiceMap;

namespace TracingLab.LabConsole.Tests;

public partial class ServiceMapSvgTests
{
    [Fact]
    public void EdgeThatSkipsAServiceRunsOnItsOwnLaneWithItsOwnLabel()
    {
        var map = new ServiceMapModel(
            [new ServiceNode("servicea", 3, 0), new ServiceNode("serviceb", 2, 0), new ServiceNode("servicec", 1, 0)],
            [
                new ServiceEdge("servicea", "serviceb", "privatelink", 1, 0, 2, 2),
                new ServiceEdge("serviceb", "servicec", "peering", 1, 0, 1, 1),
                new ServiceEdge("servicea", "servicec", "tgw", 1, 0, 3, 3),
            ]);

        var svg = XElement.Parse(ServiceMapSvg.Render(map));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var edges = svg.Elements(ns + "g").Where(g => (string?)g.Attribute("class") == "edge").ToList();

        Assert.Equal(3, edges.Count);
        var lane = Assert.Single(edges, e => (string?)e.Attribute("data-route") == "lane");
        Assert.Equal(("servicea", "servicec"), ((string?)lane.Attribute("data-from"), (string?)lane.Attribute("data-to")));
        // No two edges start at the same point or end at the same point, and every label sits somewhere else.
        var ends = edges.Select(e => Ends((string)e.Element(ns + "path")!.Attribute("d")!)).ToList();
        Assert.Equal(3, ends.Select(e => e.Start).Distinct().Count());
        Assert.Equal(3, ends.Select(e => e.End).Distinct().Count());
        var labels = edges.Select(e => ((string)e.Element(ns + "rect")!.Attribute("x")!, (string)e.Element(ns + "rect")!.Attribute("y")!)).ToList();
        Assert.Equal(3, labels.Distinct().Count());
        Assert.All(edges, e => Assert.Contains(e.Elements(ns + "text"), t => t.Value.Contains((string)e.Attribute("data-link")!, StringComparison.Ordinal)));
        // The lane's label is above every service.
        var laneLabelY = double.Parse((string)lane.Element(ns + "rect")!.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture) + 40;
        var nodeTops = svg.Elements(ns + "g").Where(g => (string?)g.Attribute("class") == "node")
            .Select(g => double.Parse((string)g.Element(ns + "rect")!.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(nodeTops, top => Assert.True(laneLabelY <= top, $"lane label bottom {laneLabelY} is below a service top {top}"));
    }

    [Fact]
    public void ALatticeEdgeIsLabelledInLatticesColourWithWhatTheLinkChanges()
    {
        var map = new ServiceMapModel(
            [new ServiceNode("servicea", 1, 0), new ServiceNode("serviceb", 1, 0)],
            [new ServiceEdge("servicea", "serviceb", "lattice", 1, 0, 2, 2)]);

        var svg = XElement.Parse(ServiceMapSvg.Render(map));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var edge = Assert.Single(svg.Elements(ns + "g"), g => (string?)g.Attribute("class") == "edge");

        var name = Assert.Single(edge.Descendants(ns + "tspan"));
        Assert.Equal(("lattice", "#ff7f0e"), (name.Value, (string?)name.Attribute("fill")));
        Assert.Contains("x-forwarded-for", (string?)edge.Element(ns + "title"), StringComparison.Ordinal);
    }

    private static (string Start, string End) Ends(string d)
    {
        var numbers = Numbers().Matches(d).Select(m => m.Value).ToList();
        // A lane path ends "Q cx cy x2 y V y2"; a curve ends "Q cx cy x2 y2".
        var lane = d.Split(' ')[^2] == "V";
        return ($"{numbers[0]},{numbers[1]}", lane ? $"{numbers[^3]},{numbers[^1]}" : $"{numbers[^2]},{numbers[^1]}");
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Numbers();
}
