using k8s.Models;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Kubernetes;
using TracingLab.Deploy.Tests.Reachability;
using TracingLab.Deploy.Topology;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>
/// Every call (A→B, A→C, B→C) over every link, walked hop by hop through the synthesized template in the spirit of
/// VPC Reachability Analyzer: enabled links have a whole path, disabled links have none.
/// </summary>
[Collection(SynthCollection.Name)]
public class ReachabilityTests(LabSynthFixture lab)
{
    public static TheoryData<string, LabService, LabService, LinkKind> Calls()
    {
        var data = new TheoryData<string, LabService, LabService, LinkKind>();
        foreach (var variant in LabSynthFixture.Combinations.Append(LabSynthFixture.ThreeAzsWithNat).Append(LabSynthFixture.Overlapping))
        {
            foreach (var edge in LabTopology.Edges)
            {
                foreach (var link in LinkKinds.All)
                {
                    data.Add(variant, edge.Consumer, edge.Provider, link);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void EnabledLinksHaveAWholePathAndDisabledLinksNone(string variant, LabService consumer, LabService provider, LinkKind link)
    {
        var missing = new PathWalker(new NetworkModel(lab.NetworkJson(variant))).Missing(consumer, provider, link, ConsumerEnvironment(variant, consumer));
        if (lab.Settings(variant).Has(link))
        {
            Assert.True(missing.Count == 0,
                $"{variant}: {consumer.Name()} → {provider.Name()} over {link.Name()} is broken at:\n  {string.Join("\n  ", missing)}");
        }
        else
        {
            Assert.True(missing.Count > 0, $"{variant}: {consumer.Name()} → {provider.Name()} has a path over disabled {link.Name()}");
            Assert.Contains(missing, h => h.StartsWith("config:", StringComparison.Ordinal));
            Assert.Contains(missing, h => h.StartsWith("dns:", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void ClientsReachEveryNodeOfServiceAsAlbAndItsNodesReachEveryTask(string variant)
    {
        var m = new NetworkModel(lab.NetworkJson(variant));
        var walker = new PathWalker(m);
        var vpc = walker.Vpc(LabService.A);
        var group = walker.WorkloadGroup(vpc);
        var (alb, (albSubnets, albGroups)) = m.LoadBalancers.Single(lb => lb.Value.Groups.Any(g => m.GroupDescription[g].StartsWith("Service A ALB", StringComparison.Ordinal)));
        var missing = new List<string>();
        var clients = walker.Tier(vpc, "workload").Select(s => (Subnet: (string?)s, Cidr: m.AllSubnets[s].Cidr, Client: Client.Linux("client in VPC A (task, CloudShell)")))
            .Concat(lab.Settings(variant).AllowedIngressCidrs.Select(c => (Subnet: (string?)null, Cidr: c.ToString(), Client: Client.External($"allowedIngressCidrs client {c}"))));
        foreach (var (subnet, cidr, client) in clients)
        {
            // The ALB's DNS name returns a node in every subnet: a client must reach each of them.
            foreach (var node in albSubnets)
            {
                walker.Acls(subnet, cidr, node, m.AllSubnets[node].Cidr, AclEvaluator.Tcp, 80, client, missing);
                if (!albGroups.Any(g => walker.Ingress(g, 80, cidr, null)))
                {
                    missing.Add($"sg: ALB {alb} admits no tcp/80 from {cidr}");
                }
            }
        }

        foreach (var node in albSubnets)
        {
            foreach (var task in walker.Tier(vpc, "workload"))
            {
                walker.Acls(node, m.AllSubnets[node].Cidr, task, m.AllSubnets[task].Cidr, AclEvaluator.Tcp, LabTopology.ServicePort,
                    Client.LoadBalancerNode($"ALB {alb} node (targets and health checks)"), missing);
            }
        }

        if (!albGroups.Any(g => walker.Egress(g, LabTopology.ServicePort, null, group)) || !albGroups.Any(g => walker.Ingress(group, LabTopology.ServicePort, null, g)))
        {
            missing.Add($"sg: ALB {alb} and {group} do not admit tcp/{LabTopology.ServicePort} between them");
        }

        Assert.True(missing.Count == 0, $"{variant}: service A's ALB is broken at:\n  {string.Join("\n  ", missing.Distinct())}");
    }

    /// <summary>
    /// NACLs are stateless: every entry that lets a request through (a service port range, narrower than 1000 ports;
    /// wider entries are the return ranges themselves) needs its replies let back on every port of 1024-65535, the range
    /// AWS's NACL guidance opens for return traffic.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void EveryAclEntryThatAdmitsARequestLetsItsRepliesBackOnEveryPortFrom1024(string variant)
    {
        var m = new NetworkModel(lab.NetworkJson(variant));
        var replies = new PortRange(1024, 65535);
        var missing = new List<string>();
        foreach (var (acl, entries) in m.AclEntries)
        {
            foreach (var e in entries.Where(e => e.Allow && e.To - e.From < 1000))
            {
                var denied = AclEvaluator.Denied(entries, !e.Egress, e.Protocol, replies, e.Cidr);
                if (denied.Count > 0)
                {
                    missing.Add($"{acl} rule {e.Number} ({(e.Egress ? "out to" : "in from")} {e.Cidr} {(e.Protocol == 17 ? "udp" : "tcp")}/{e.From}-{e.To}): " +
                                $"replies {(e.Egress ? "in from" : "out to")} {e.Cidr} denied on {string.Join(",", denied)}");
                }
            }
        }

        Assert.True(missing.Count == 0, $"{variant}: requests whose replies cannot come back:\n  {string.Join("\n  ", missing)}");
    }

    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void EveryAclStaysWithinTheQuotaOfTwentyRulesPerDirection(string variant)
    {
        // VPC quotas: 20 inbound and 20 outbound rules per network ACL unless raised.
        foreach (var (acl, entries) in new NetworkModel(lab.NetworkJson(variant)).AclEntries)
        {
            Assert.True(entries.Count(e => e.Egress) <= 20 && entries.Count(e => !e.Egress) <= 20,
                $"{variant}: {acl} has {entries.Count(e => !e.Egress)} inbound and {entries.Count(e => e.Egress)} outbound rules");
        }
    }

    /// <summary>The discovery variables the consumer really gets: A's task definition, B's generated Deployment.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment(string variant, LabService consumer)
    {
        if (consumer == LabService.A)
        {
            var task = lab.Json(variant).Resources("AWS::ECS::TaskDefinition").Values.Single();
            var app = Props(task).GetProperty("ContainerDefinitions").EnumerateArray().Single(c => Str(c, "Name") == "app");
            return app.GetProperty("Environment").EnumerateArray().ToDictionary(e => Str(e, "Name")!, e => Str(e, "Value") ?? "");
        }

        var deployment = ServiceBManifests.Build(lab.Stacks[variant].ServiceB.ManifestProps).SelectMany(f => f.Objects)
            .OfType<V1Deployment>().Single(d => d.Metadata.Name == ServiceBManifests.AppName);
        return deployment.Spec.Template.Spec.Containers[0].Env.Where(e => e.Value is not null).ToDictionary(e => e.Name, e => e.Value);
    }
}
