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
        var missing = new PathWalker(new NetworkModel(lab.Json(variant))).Missing(consumer, provider, link, ConsumerEnvironment(variant, consumer));
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

    /// <summary>The discovery variables the consumer really gets: A's task definition, B's generated Deployment.</summary>
    private IReadOnlyDictionary<string, string> ConsumerEnvironment(string variant, LabService consumer)
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
