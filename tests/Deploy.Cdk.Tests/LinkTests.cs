using Amazon.CDK.Assertions;
using TracingLab.Deploy.Configuration;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>What each combination of links synthesizes.</summary>
[Collection(SynthCollection.Name)]
public class LinkTests(LabSynthFixture lab)
{
    public static TheoryData<string> Combinations()
    {
        var data = new TheoryData<string>();
        foreach (var c in LabSynthFixture.Combinations)
        {
            data.Add(c);
        }

        return data;
    }

    private static bool Has(string combination, string link) => combination.Split(',').Contains(link);

    private static int LinkCount(string combination) => combination == "none" ? 0 : combination.Split(',').Length;

    [Theory]
    [MemberData(nameof(Combinations))]
    public void ResourceCountsFollowTheEnabledLinks(string c)
    {
        var t = lab.Template(c);
        var tgw = Has(c, "tgw");
        var peering = Has(c, "peering");
        var privateLink = Has(c, "privatelink");
        t.ResourceCountIs("AWS::EC2::VPC", 3);
        t.ResourceCountIs("AWS::EC2::TransitGateway", tgw ? 1 : 0);
        t.ResourceCountIs("AWS::EC2::TransitGatewayAttachment", tgw ? 3 : 0);
        t.ResourceCountIs("AWS::EC2::TransitGatewayRouteTable", tgw ? 1 : 0);
        t.ResourceCountIs("AWS::EC2::VPCPeeringConnection", peering ? 3 : 0);
        t.ResourceCountIs("AWS::EC2::VPCEndpointService", privateLink ? 2 : 0);
        // Six AWS service endpoints and the S3 gateway per VPC (no NAT), EKS's four in B, Session Manager's two in C and
        // in A (FIS's SSM agent), plus one consumer endpoint per PrivateLink edge.
        t.ResourceCountIs("AWS::EC2::VPCEndpoint", 3 * 7 + 4 + 3 + 2 + (privateLink ? 3 : 0));
        // Two provider NLBs per link, plus service A's ALB.
        t.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 2 * LinkCount(c) + 1);
        // One URL per provider and link, plus service A's collector config.
        t.ResourceCountIs("AWS::SSM::Parameter", 2 * LinkCount(c) + 1);
        t.ResourceCountIs("AWS::EC2::FlowLog", tgw ? 4 : 3);
        t.ResourceCountIs("AWS::EC2::NatGateway", 0);
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void RoutesExistExactlyForRoutedLinks(string c)
    {
        var routes = lab.Json(c).Resources("AWS::EC2::Route").Values.Select(Props).ToList();
        // Per routed link, 2 AZs: A→B and A→C: 2 tables x 2 ingress subnets each, B→C: 2 x 2; returns: 2 per edge.
        var perLink = 3 * (2 * 2) + 3 * 2;
        Assert.Equal(Has(c, "tgw") ? perLink : 0, routes.Count(r => r.TryGetProperty("TransitGatewayId", out _)));
        Assert.Equal(Has(c, "peering") ? perLink : 0, routes.Count(r => r.TryGetProperty("VpcPeeringConnectionId", out _)));
    }

    [Fact]
    public void TransitGatewayHasDefaultsOffAnExplicitTableAndRoutesThatWaitForTheAttachment()
    {
        var t = lab.Template("tgw");
        t.HasResourceProperties("AWS::EC2::TransitGateway", new Dictionary<string, object>
        {
            ["DefaultRouteTableAssociation"] = "disable",
            ["DefaultRouteTablePropagation"] = "disable",
        });
        t.ResourceCountIs("AWS::EC2::TransitGatewayRouteTableAssociation", 3);
        t.ResourceCountIs("AWS::EC2::TransitGatewayRouteTablePropagation", 3);
        t.HasResourceProperties("AWS::EC2::FlowLog", new Dictionary<string, object>
        {
            ["ResourceType"] = "TransitGateway",
            ["LogDestinationType"] = "cloud-watch-logs",
            ["MaxAggregationInterval"] = 60,
        });

        var json = lab.Json("tgw");
        var attachments = json.Resources("AWS::EC2::TransitGatewayAttachment");
        foreach (var (id, route) in json.Resources("AWS::EC2::Route"))
        {
            var dependsOn = route.GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()).ToList();
            Assert.True(dependsOn.Any(d => d is not null && attachments.ContainsKey(d)), $"route {id} does not depend on an attachment");
        }

        // Attachments live in the dedicated /28 subnets.
        var subnets = json.Resources("AWS::EC2::Subnet");
        foreach (var (id, attachment) in attachments)
        {
            foreach (var subnet in Props(attachment).GetProperty("SubnetIds").EnumerateArray())
            {
                var cidr = Str(Props(subnets[Target(subnet)]), "CidrBlock");
                Assert.True(cidr!.EndsWith("/28", StringComparison.Ordinal), $"{id} uses subnet {cidr}");
            }
        }
    }

    [Fact]
    public void PeeringHasOneConnectionPerEdgeAndRoutesOnBothSides()
    {
        var json = lab.Json("peering");
        var vpcOfTable = json.Resources("AWS::EC2::SubnetRouteTableAssociation").Values.Select(Props)
            .ToDictionary(a => Target(a.GetProperty("RouteTableId")), a => Target(a.GetProperty("SubnetId")));
        var subnetVpc = json.Resources("AWS::EC2::Subnet").ToDictionary(kv => kv.Key, kv => Target(Props(kv.Value).GetProperty("VpcId")));
        foreach (var (id, pcx) in json.Resources("AWS::EC2::VPCPeeringConnection"))
        {
            var sides = new[] { Target(Props(pcx).GetProperty("VpcId")), Target(Props(pcx).GetProperty("PeerVpcId")) };
            var routeVpcs = json.Resources("AWS::EC2::Route").Values.Select(Props)
                .Where(r => r.TryGetProperty("VpcPeeringConnectionId", out var p) && Target(p) == id)
                .Select(r => subnetVpc[vpcOfTable[Target(r.GetProperty("RouteTableId"))]])
                .ToHashSet();
            Assert.True(routeVpcs.SetEquals(sides), $"{id} has routes in {string.Join(",", routeVpcs)}, expected both of {string.Join(",", sides)}");
        }
    }

    [Fact]
    public void ConsumersRouteOnlyToTheProviderIngressSubnetsOfThatLink()
    {
        var json = lab.Json("tgw,peering");
        var subnetCidrs = json.Resources("AWS::EC2::Subnet").ToDictionary(kv => Str(Props(kv.Value), "CidrBlock")!, kv => kv.Key);
        foreach (var route in json.Resources("AWS::EC2::Route").Values.Select(Props))
        {
            var destination = Str(route, "DestinationCidrBlock")!;
            if (destination.EndsWith("/16", StringComparison.Ordinal))
            {
                continue; // return route from a provider's ingress subnet to its consumer's VPC
            }

            var link = route.TryGetProperty("TransitGatewayId", out _) ? "ingresstgw" : "ingresspeering";
            Assert.True(subnetCidrs.TryGetValue(destination, out var subnet) && subnet.Contains(link, StringComparison.Ordinal),
                $"route to {destination} via {link} does not target that link's ingress subnet");
        }
    }

    [Fact]
    public void PrivateLinkServiceNeedsNoAcceptanceAndAllowsOnlyThisAccount()
    {
        var t = lab.Template("privatelink");
        t.HasResourceProperties("AWS::EC2::VPCEndpointService", new Dictionary<string, object> { ["AcceptanceRequired"] = false });
        t.ResourceCountIs("AWS::EC2::VPCEndpointServicePermissions", 2);
        var permissions = lab.Json("privatelink").Resources("AWS::EC2::VPCEndpointServicePermissions").Values.Select(Props);
        foreach (var p in permissions)
        {
            var principal = p.GetProperty("AllowedPrincipals")[0].GetRawText();
            Assert.Contains("AWS::AccountId", principal);
            Assert.Contains(":root", principal);
        }

        t.HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object>
        {
            ["VpcEndpointType"] = "Interface",
            ["PrivateDnsEnabled"] = false,
        });
    }

    [Fact]
    public void PrivateLinkEndpointsAdmitOnlyTheConsumerWorkloadGroup()
    {
        var json = lab.Json("privatelink");
        var sgs = json.Resources("AWS::EC2::SecurityGroup");
        var endpointSgs = sgs.Where(kv => Str(Props(kv.Value), "GroupDescription")!.StartsWith("PrivateLink endpoint", StringComparison.Ordinal))
            .Select(kv => kv.Key).ToHashSet();
        var workloadSgs = sgs.Where(kv => Str(Props(kv.Value), "GroupDescription")!.StartsWith("Lab workload", StringComparison.Ordinal))
            .Select(kv => kv.Key).ToHashSet();
        Assert.Equal(3, endpointSgs.Count);
        var rules = json.IngressRules().Where(r => endpointSgs.Contains(r.Owner)).ToList();
        Assert.Equal(3, rules.Count);
        foreach (var (owner, rule) in rules)
        {
            Assert.False(rule.TryGetProperty("CidrIp", out _), $"{owner} admits a CIDR");
            Assert.Contains(Target(rule.GetProperty("SourceSecurityGroupId")), workloadSgs);
            Assert.Equal(8080, rule.GetProperty("FromPort").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void EveryProviderPublishesItsUrlPerLinkAsParameterAndOutput(string c)
    {
        var t = lab.Template(c);
        var settings = lab.Settings(c);
        foreach (var provider in new[] { "serviceb", "servicec" })
        {
            foreach (var link in LinkKinds.All)
            {
                var url = $"http://{provider}.{link.Name()}.tracinglab.internal:8080";
                var parameters = t.FindResources("AWS::SSM::Parameter", Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Name"] = $"/tracinglab/endpoints/{provider}/{link.Name()}",
                        ["Value"] = url,
                    }),
                }));
                Assert.Equal(settings.Has(link) ? 1 : 0, parameters.Count);
                var outputs = t.FindOutputs("*", new Dictionary<string, object> { ["Value"] = url });
                Assert.Equal(settings.Has(link) ? 1 : 0, outputs.Count);
            }
        }
    }

    [Fact]
    public void EachConsumerVpcResolvesProviderNamesInItsOwnZone()
    {
        var t = lab.Template("tgw,peering,privatelink");
        t.ResourceCountIs("AWS::Route53::HostedZone", 2);
        // A sees B and C over three links, B sees C over three links.
        t.ResourceCountIs("AWS::Route53::RecordSet", 9);
        t.HasResourceProperties("AWS::Route53::RecordSet", new Dictionary<string, object>
        {
            ["Name"] = "servicec.privatelink.tracinglab.internal.",
            ["Type"] = "A",
        });
        lab.Template("none").ResourceCountIs("AWS::Route53::HostedZone", 0);
    }

    [Fact]
    public void OverlappingCidrsSynthesizeWithPrivateLinkAlone()
    {
        var t = lab.Template(LabSynthFixture.Overlapping);
        t.ResourceCountIs("AWS::EC2::VPCEndpointService", 2);
        t.ResourceCountIs("AWS::EC2::Route", 0);
        var cidrs = lab.Json(LabSynthFixture.Overlapping).Resources("AWS::EC2::VPC").Values.Select(v => Str(Props(v), "CidrBlock")).Distinct();
        Assert.Equal(["10.0.0.0/16"], cidrs);
    }

    [Fact]
    public void NatGatewaysReplaceTheInterfaceEndpointsButKeepTheS3Gateway()
    {
        var t = lab.Template(LabSynthFixture.ThreeAzsWithNat);
        t.ResourceCountIs("AWS::EC2::NatGateway", 3);
        t.HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object> { ["VpcEndpointType"] = "Gateway" });
        var interfaces = lab.Json(LabSynthFixture.ThreeAzsWithNat).Resources("AWS::EC2::VPCEndpoint").Values
            .Count(e => Str(Props(e), "VpcEndpointType") == "Interface");
        Assert.Equal(3, interfaces); // only the PrivateLink consumer endpoints
        t.ResourceCountIs("AWS::EC2::Subnet", 3 * 3 /*workload,tgw,public*/ * 3 + 2 * 2 * 3 /*ingress in B and C*/);
    }

    [Fact]
    public void BaseEndpointsCoverWhatTheWorkloadsNeedWithoutNat()
    {
        var services = lab.Json("none").Resources("AWS::EC2::VPCEndpoint").Values
            .Select(e => Flatten(Props(e).GetProperty("ServiceName")))
            .ToList();
        foreach (var name in new[] { "ecr.api", "ecr.dkr", "logs", "xray", "sts", "ssm", "s3" })
        {
            Assert.True(services.Count(s => s.EndsWith("." + name, StringComparison.Ordinal)) == 3,
                $"expected one {name} endpoint per VPC in: {string.Join(" | ", services)}");
        }
    }
}
