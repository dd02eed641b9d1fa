using System.Text.Json;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>Properties that must hold in every combination of links.</summary>
[Collection(SynthCollection.Name)]
public class NetworkInvariantTests(LabSynthFixture lab)
{
    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var c in LabSynthFixture.Combinations)
        {
            data.Add(c);
        }

        data.Add(LabSynthFixture.Overlapping);
        data.Add(LabSynthFixture.ThreeAzsWithNat);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void NoRouteTableHoldsTwoRoutesForOneDestination(string variant)
    {
        var routes = lab.Json(variant).Resources("AWS::EC2::Route").Values.Select(r => Props(r)).ToList();
        var duplicates = routes
            .GroupBy(p => (Table: Target(p.GetProperty("RouteTableId")),
                Destination: Str(p, "DestinationCidrBlock") ?? Str(p, "DestinationIpv6CidrBlock") ?? Str(p, "DestinationPrefixListId")))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Table} -> {g.Key.Destination} x{g.Count()}")
            .ToList();
        Assert.True(duplicates.Count == 0, $"{variant}: duplicate destinations: {string.Join("; ", duplicates)}");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void NoSecurityGroupAdmitsTheWholeInternet(string variant)
    {
        var open = lab.NetworkJson(variant).IngressRules()
            .Where(r => Str(r.Rule, "CidrIp") == "0.0.0.0/0" || Str(r.Rule, "CidrIpv6") == "::/0")
            .Select(r => r.Owner)
            .ToList();
        Assert.True(open.Count == 0, $"{variant}: open ingress on {string.Join(", ", open)}");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryVpcHasFlowLogsToALogGroupWithRetention(string variant)
    {
        var t = lab.Json(variant);
        var vpcs = t.Resources("AWS::EC2::VPC").Keys.ToList();
        var flowLogs = t.Resources("AWS::EC2::FlowLog").Values.Select(Props).ToList();
        var groups = t.Resources("AWS::Logs::LogGroup");
        Assert.Equal(3, vpcs.Count);
        foreach (var vpc in vpcs)
        {
            var log = flowLogs.SingleOrDefault(f => Str(f, "ResourceType") == "VPC" && Target(f.GetProperty("ResourceId")) == vpc);
            Assert.True(log.ValueKind == JsonValueKind.Object, $"{variant}: VPC {vpc} has no flow log");
            Assert.Equal("cloud-watch-logs", Str(log, "LogDestinationType"));
            var group = groups[Target(log.GetProperty("LogGroupName"))];
            Assert.True(Props(group).TryGetProperty("RetentionInDays", out var days) && days.GetInt32() > 0,
                $"{variant}: flow log group of {vpc} has no retention");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void VpcLogicalIdsArePinned(string variant)
    {
        // Renaming a VPC construct would replace the VPC and everything in it: these ids are a contract.
        var ids = lab.Json(variant).Resources("AWS::EC2::VPC").Keys.Order().ToList();
        Assert.Equal(["NetworkVpcAVpc19618977", "NetworkVpcBVpcC69595A6", "NetworkVpcCVpcF32089A9"], ids);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void WorkloadsAcceptOnlyTheirLoadBalancersOnTheServicePort(string variant)
    {
        var t = lab.NetworkJson(variant);
        var sgs = t.Resources("AWS::EC2::SecurityGroup");
        var workloadSgs = sgs.Where(kv => Str(Props(kv.Value), "GroupDescription")!.StartsWith("Lab workload", StringComparison.Ordinal))
            .Select(kv => kv.Key).ToHashSet();
        var nlbSgs = sgs.Where(kv => Str(Props(kv.Value), "GroupDescription")!.StartsWith("NLB of", StringComparison.Ordinal)
                                     || Str(Props(kv.Value), "GroupDescription")!.StartsWith("Service A ALB", StringComparison.Ordinal)
                                     || Str(Props(kv.Value), "GroupDescription")!.StartsWith("Lattice ALB of", StringComparison.Ordinal))
            .Select(kv => kv.Key).ToHashSet();
        Assert.Equal(3, workloadSgs.Count);
        var latticeTargets = t.Resources("AWS::VpcLattice::TargetGroup").Values.Count(g => Str(Props(g), "Type") == "INSTANCE");
        foreach (var (owner, rule) in t.IngressRules().Where(r => workloadSgs.Contains(r.Owner)))
        {
            Assert.Equal(8080, rule.GetProperty("FromPort").GetInt32());
            Assert.Equal(8080, rule.GetProperty("ToPort").GetInt32());
            // Lattice reaches instance targets from its own link-local range (the vpc-lattice prefix list), and only then.
            if (Str(rule, "CidrIp") == Network.LatticeLink.Ipv4Cidr && latticeTargets > 0)
            {
                continue;
            }

            Assert.True(rule.TryGetProperty("SourceSecurityGroupId", out var source) && nlbSgs.Contains(Target(source)),
                $"{variant}: workload group {owner} admits {rule.GetRawText()}");
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryIngressRuleIsNarrowerThanAVpc(string variant)
    {
        foreach (var (owner, rule) in lab.NetworkJson(variant).IngressRules())
        {
            if (Str(rule, "CidrIp") is { } cidr)
            {
                var prefix = int.Parse(cidr.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(prefix >= 16, $"{variant}: {owner} admits {cidr}");
            }
        }
    }
}
