using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>The cost table in docs/deploy.md and README's summary carry the counts of the synthesized template.</summary>
[Collection(SynthCollection.Name)]
public partial class CostDocsTests(LabSynthFixture lab)
{
    private const decimal EndpointAzHour = 0.01m;

    // VPC Lattice pricing page, us-east-1: $0.025 per service-hour (plus per GB and per request).
    private const decimal LatticeServiceHour = 0.025m;

    [Fact]
    public void CostTableMatchesTheTemplate()
    {
        var t = lab.Json("tgw,peering,privatelink");
        var azs = lab.Settings("tgw,peering,privatelink").AzCount;
        var interfaces = t.Resources("AWS::EC2::VPCEndpoint").Values.Select(Props).Where(p => Str(p, "VpcEndpointType") == "Interface").ToList();
        bool IsAws(JsonElement p) => Flatten(p.GetProperty("ServiceName")).StartsWith("com.amazonaws.", StringComparison.Ordinal);
        var aws = interfaces.Where(IsAws).ToList();
        var perVpc = PerVpc(aws);
        var privateLink = interfaces.Count(p => !IsAws(p));
        var counted = new Dictionary<string, int>
        {
            ["interface endpoints for AWS APIs"] = aws.Count,
            ["PrivateLink consumer endpoints"] = privateLink,
            ["Transit Gateway attachments"] = t.Resources("AWS::EC2::TransitGatewayAttachment").Count,
            ["EKS clusters"] = t.Resources("AWS::EKS::Cluster").Count,
            ["load balancers"] = t.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Count,
            ["VPC peering connections"] = t.Resources("AWS::EC2::VPCPeeringConnection").Count,
        };

        // Lattice lives in its own nested stack: counted in the all-links variant as deployed.
        var lattice = lab.LatticeJson(LabSynthFixture.AllLinks);
        var latticeServices = lattice.Resources("AWS::VpcLattice::Service").Count;
        counted["VPC Lattice services"] = latticeServices;
        counted["service B's ALB behind Lattice"] = lattice.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Count;

        var docs = File.ReadAllText(NodeScript.InRepository("docs", "deploy.md"));
        var rows = Row().Matches(docs).ToDictionary(m => m.Groups["what"].Value.Trim(), m => int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
        foreach (var (what, count) in counted)
        {
            var row = rows.Keys.SingleOrDefault(k => k.StartsWith(what, StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/deploy.md has no cost row '{what}'");
            Assert.True(rows[row] == count, $"docs/deploy.md says {rows[row]} {what}; the template has {count}");
        }

        Assert.Contains($"(A {perVpc["A"]}, B {perVpc["B"]}, C {perVpc["C"]})", docs, StringComparison.Ordinal);
        Assert.Contains($"| {Dollars(aws.Count * azs * EndpointAzHour)} |", docs, StringComparison.Ordinal);
        Assert.Contains($"| {Dollars(privateLink * azs * EndpointAzHour)} |", docs, StringComparison.Ordinal);
        Assert.Contains($"| {latticeServices} | ${LatticeServiceHour.ToString(CultureInfo.InvariantCulture)} per service-hour | {Dollars(latticeServices * LatticeServiceHour)} |", docs, StringComparison.Ordinal);
        var endpointsHour = $"{Dollars((aws.Count + privateLink) * azs * EndpointAzHour)}/h";
        Assert.Contains($"**{endpointsHour}**", docs, StringComparison.Ordinal);

        var readme = File.ReadAllText(NodeScript.InRepository("README.md"));
        Assert.Contains($"through {aws.Count} interface endpoints", readme, StringComparison.Ordinal);
        Assert.Contains($"{privateLink} PrivateLink endpoints", readme, StringComparison.Ordinal);
        Assert.Contains($"{aws.Count + privateLink} endpoints × {azs} AZs ≈ {endpointsHour}", readme, StringComparison.Ordinal);
        Assert.Contains($"{counted["load balancers"]} load balancers", readme, StringComparison.Ordinal);
    }

    private static string Dollars(decimal amount) => "$" + amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static Dictionary<string, int> PerVpc(List<JsonElement> endpoints) =>
        new[] { "A", "B", "C" }.ToDictionary(v => v, v => endpoints.Count(p => Target(p.GetProperty("VpcId")).StartsWith($"NetworkVpc{v}", StringComparison.Ordinal)));

    [GeneratedRegex(@"^\| (?<what>[^|]+?) \| (?<count>\d+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
