using System.Text.Json;
using System.Text.Json.Nodes;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Kubernetes;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Tests.Reachability;
using TracingLab.Deploy.Topology;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>What <c>-c links=lattice</c> synthesizes, in its nested stack and in the lab's own.</summary>
[Collection(SynthCollection.Name)]
public class LatticeTests(LabSynthFixture lab)
{
    private const string Lattice = "lattice";

    [Fact]
    public void OneServiceNetworkWithoutIamAuthLogsEveryRequestToCloudWatchLogs()
    {
        var t = lab.LatticeJson(Lattice);
        var network = Assert.Single(t.Resources("AWS::VpcLattice::ServiceNetwork"));
        // The services cannot SigV4-sign their calls, which AWS_IAM would require (docs/deploy.md, "Lattice in AWS").
        Assert.Equal("NONE", Str(Props(network.Value), "AuthType"));
        Assert.Empty(t.Resources("AWS::VpcLattice::AuthPolicy"));

        var subscription = Props(Assert.Single(t.Resources("AWS::VpcLattice::AccessLogSubscription")).Value);
        Assert.Equal(network.Key, Target(subscription.GetProperty("ResourceIdentifier")));
        var group = t.Resources("AWS::Logs::LogGroup")[Target(subscription.GetProperty("DestinationArn"))];
        Assert.True(Props(group).TryGetProperty("RetentionInDays", out var days) && days.GetInt32() > 0, "the access log group has no retention");
    }

    [Fact]
    public void EachProviderHasAServiceUnderTheLabsNameWithAnHttpListenerOnTheServicePort()
    {
        var t = lab.LatticeJson(Lattice);
        var services = t.Resources("AWS::VpcLattice::Service");
        Assert.Equal(["serviceb.lattice.tracinglab.internal", "servicec.lattice.tracinglab.internal"],
            services.Values.Select(s => Str(Props(s), "CustomDomainName")).Order());
        Assert.All(services.Values, s => Assert.Equal("NONE", Str(Props(s), "AuthType")));

        var listeners = t.Resources("AWS::VpcLattice::Listener").Values.Select(Props).ToList();
        Assert.Equal(services.Keys.Order(), listeners.Select(l => Target(l.GetProperty("ServiceIdentifier"))).Order());
        var groups = t.Resources("AWS::VpcLattice::TargetGroup");
        foreach (var listener in listeners)
        {
            Assert.Equal("HTTP", Str(listener, "Protocol"));
            Assert.Equal(8080, listener.GetProperty("Port").GetInt32());
            var forward = listener.GetProperty("DefaultAction").GetProperty("Forward").GetProperty("TargetGroups");
            Assert.Contains(Target(Assert.Single(forward.EnumerateArray()).GetProperty("TargetGroupIdentifier")), groups.Keys);
        }

        var associated = t.Resources("AWS::VpcLattice::ServiceNetworkServiceAssociation").Values
            .Select(a => Target(Props(a).GetProperty("ServiceIdentifier"))).Order();
        Assert.Equal(services.Keys.Order(), associated);
    }

    [Fact]
    public void ServiceCRegistersItsInstancesAndServiceBItsPodsThroughAnInternalAlb()
    {
        var t = lab.LatticeJson(Lattice);
        var groups = t.Resources("AWS::VpcLattice::TargetGroup").Values.Select(Props).ToDictionary(p => Str(p, "Type")!);
        Assert.Equal(["ALB", "INSTANCE"], groups.Keys.Order());
        var instance = groups["INSTANCE"].GetProperty("Config");
        Assert.Equal("/health", Str(instance.GetProperty("HealthCheck"), "Path"));
        Assert.Equal(8080, instance.GetProperty("Port").GetInt32());

        // C: its Auto Scaling group registers its instances (the lab's stack takes the group's ARN from Lattice's).
        var asg = Props(lab.NetworkJson(Lattice).Resources("AWS::AutoScaling::AutoScalingGroup").Values.Single());
        var source = Assert.Single(asg.GetProperty("TrafficSources").EnumerateArray());
        Assert.Equal("vpc-lattice", Str(source, "Type"));
        var instanceGroup = t.Resources("AWS::VpcLattice::TargetGroup").Single(g => Str(Props(g.Value), "Type") == "INSTANCE").Key;
        Assert.Equal(instanceGroup, Target(source.GetProperty("Identifier")));

        // B: the ALB target is an internal ALB whose IP target group the load balancer controller fills by name.
        var alb = Target(Assert.Single(groups["ALB"].GetProperty("Targets").EnumerateArray()).GetProperty("Id"));
        var lb = Props(t.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer")[alb]);
        Assert.Equal("internal", Str(lb, "Scheme"));
        Assert.Equal("application", Str(lb, "Type"));
        var albTargets = Props(Assert.Single(t.Resources("AWS::ElasticLoadBalancingV2::TargetGroup")).Value);
        Assert.Equal("tl-serviceb-lattice", Str(albTargets, "Name"));
        Assert.Equal("ip", Str(albTargets, "TargetType"));
        var binding = ServiceBManifests.Build(lab.Stacks[Lattice].ServiceB.ManifestProps).SelectMany(f => f.Objects)
            .OfType<TargetGroupBinding>().Single();
        Assert.Equal("tl-serviceb-lattice", binding.Spec.TargetGroupName);
    }

    [Fact]
    public void ConsumerVpcsAssociateThroughGroupsThatAdmitOnlyTheirWorkloads()
    {
        var t = lab.NetworkJson(Lattice);
        var workloads = t.Resources("AWS::EC2::SecurityGroup")
            .Where(g => Str(Props(g.Value), "GroupDescription")!.StartsWith("Lab workload", StringComparison.Ordinal))
            .ToDictionary(g => Target(Props(g.Value).GetProperty("VpcId")), g => g.Key);
        var associations = t.Resources("AWS::VpcLattice::ServiceNetworkVpcAssociation").Values.Select(Props).ToList();
        Assert.Equal(["NetworkVpcAVpc19618977", "NetworkVpcBVpcC69595A6"], associations.Select(a => Target(a.GetProperty("VpcIdentifier"))).Order());
        foreach (var association in associations)
        {
            var group = Target(Assert.Single(association.GetProperty("SecurityGroupIds").EnumerateArray()));
            var rules = t.IngressRules().Where(r => r.Owner == group).Select(r => r.Rule).ToList();
            var rule = Assert.Single(rules);
            Assert.Equal(workloads[Target(association.GetProperty("VpcIdentifier"))], Target(rule.GetProperty("SourceSecurityGroupId")));
            Assert.Equal(8080, rule.GetProperty("FromPort").GetInt32());
        }
    }

    [Fact]
    public void NetworkAclsLetLatticesRangeInToProvidersAndOutFromConsumers()
    {
        var entries = lab.NetworkJson(Lattice).Resources("AWS::EC2::NetworkAclEntry").Values.Select(Props)
            .Where(e => Str(e, "CidrBlock") == LatticeLink.Ipv4Cidr)
            .Select(e => (Egress: e.TryGetProperty("Egress", out var x) && x.GetBoolean(), From: e.GetProperty("PortRange").GetProperty("From").GetInt32(),
                Acl: Target(e.GetProperty("NetworkAclId"))))
            .ToList();
        // A and B call out on 8080; B and C are called in on 8080 and reply on 1024-65535 (A and B's replies come back
        // under the 0.0.0.0/0 reply entry their HTTPS to AWS APIs already needs).
        Assert.Equal(2, entries.Count(e => e is { Egress: true, From: 8080 }));
        Assert.Equal(2, entries.Count(e => e is { Egress: false, From: 8080 }));
        Assert.Equal(2, entries.Count(e => e is { Egress: true, From: 1024 }));
        // On the lab's ACLs, from the Lattice stack (the lab's own stack is near CloudFormation's limit).
        Assert.DoesNotContain(lab.Json(Lattice).Resources("AWS::EC2::NetworkAclEntry").Values, e => Str(Props(e), "CidrBlock") == LatticeLink.Ipv4Cidr);
        Assert.Equal(6, lab.LatticeJson(Lattice).Resources("AWS::EC2::NetworkAclEntry").Count);
    }

    [Fact]
    public void TheReachabilityWalkNamesWhatABrokenLatticePathLacks()
    {
        var environment = new ReachabilityTests(lab);
        IReadOnlyList<string> Walk(LabTemplate t, LabService consumer, LabService provider) =>
            new PathWalker(new NetworkModel(t)).Missing(consumer, provider, LinkKind.Lattice, environment.ConsumerEnvironment(Lattice, consumer));
        var whole = lab.NetworkJson(Lattice);
        Assert.Empty(Walk(whole, LabService.A, LabService.C));

        // C's workload group without Lattice's range: requests and health checks never reach the instances.
        var noTargetRule = Edit(whole, resources =>
        {
            foreach (var (_, r) in resources)
            {
                if (r!["Properties"]?["SecurityGroupIngress"] is JsonArray rules)
                {
                    foreach (var rule in rules.Where(x => x!["CidrIp"]?.GetValue<string>() == LatticeLink.Ipv4Cidr).ToList())
                    {
                        rules.Remove(rule);
                    }
                }
            }
        });
        Assert.Contains(Walk(noTargetRule, LabService.B, LabService.C), h => h.StartsWith("sg: ", StringComparison.Ordinal) && h.EndsWith($"from {LatticeLink.Ipv4Cidr}", StringComparison.Ordinal));

        // VPC A not associated with the service network: A has no way in, B still has.
        var noAssociation = Edit(whole, resources =>
        {
            var a = resources.Single(r => r.Value!["Type"]!.GetValue<string>() == "AWS::VpcLattice::ServiceNetworkVpcAssociation" &&
                                          r.Value["Properties"]!["VpcIdentifier"]!.ToJsonString().Contains("NetworkVpcA", StringComparison.Ordinal));
            resources.Remove(a.Key);
        });
        Assert.Contains(Walk(noAssociation, LabService.A, LabService.B), h => h.StartsWith("lattice: servicea's VPC is not associated", StringComparison.Ordinal));
        Assert.Empty(Walk(noAssociation, LabService.B, LabService.C));

        // A's workload ACL without its way out to Lattice's range.
        var noAclEntry = Edit(whole, resources =>
        {
            foreach (var (id, r) in resources.ToList())
            {
                var p = r!["Properties"];
                if (r["Type"]!.GetValue<string>() == "AWS::EC2::NetworkAclEntry" && p!["CidrBlock"]?.GetValue<string>() == LatticeLink.Ipv4Cidr &&
                    p["NetworkAclId"]!.ToJsonString().Contains("NetworkVpcA", StringComparison.Ordinal))
                {
                    resources.Remove(id);
                }
            }
        });
        Assert.Contains(Walk(noAclEntry, LabService.A, LabService.C), h => h.StartsWith("nacl: ", StringComparison.Ordinal) && h.Contains(LatticeLink.Ipv4Cidr, StringComparison.Ordinal));
    }

    private static LabTemplate Edit(LabTemplate template, Action<JsonObject> editResources)
    {
        var root = JsonNode.Parse(template.Root.GetRawText())!.AsObject();
        editResources(root["Resources"]!.AsObject());
        using var doc = JsonDocument.Parse(root.ToJsonString());
        return new LabTemplate(doc.RootElement.Clone());
    }

    [Theory]
    [MemberData(nameof(LinkTests.Combinations), MemberType = typeof(LinkTests))]
    public void LatticeLivesInItsOwnNestedStackOnlyWhenEnabled(string c)
    {
        var on = c.Split(',').Contains(Lattice);
        Assert.Equal(on, lab.Stacks[c].Lattice is not null);
        Assert.Equal(on ? 1 : 0, lab.NetworkJson(c).Resources("AWS::VpcLattice::ServiceNetwork").Count);
        Assert.Empty(lab.Json(c).Resources("AWS::VpcLattice::Service"));
    }
}
