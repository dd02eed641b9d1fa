using TracingLab.Deploy.Tests.Reachability;

namespace TracingLab.Deploy.Tests;

/// <summary>
/// Every workload process can make the AWS calls it makes at start (<see cref="StartupCalls"/>, each cited): a route to
/// the service, the endpoint's policy, security groups, network ACLs for request and reply, and its IAM role.
/// </summary>
[Collection(SynthCollection.Name)]
public class StartupWalkTests(LabSynthFixture lab)
{
    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void EveryWorkloadProcessCanMakeTheCallsItMakesAtStart(string variant)
    {
        var walker = new StartupWalker(lab.Json(variant));
        var broken = walker.Processes()
            .Select(p => (p.Name, Missing: walker.Missing(p)))
            .Where(p => p.Missing.Count > 0)
            .Select(p => $"{p.Name}:\n    {string.Join("\n    ", p.Missing)}")
            .ToList();
        Assert.True(broken.Count == 0, $"{variant}: processes that cannot start:\n  {string.Join("\n  ", broken)}");
    }

    [Fact]
    public void WithAwsXRayEveryWorkloadProcessCanMakeTheCallsItMakesAtStart() =>
        EveryWorkloadProcessCanMakeTheCallsItMakesAtStart(LabSynthFixture.AwsXRay);

    [Fact]
    public void EveryCollectorCallsTheXRayOtlpEndpointByDefaultAndPutTraceSegmentsWithAwsXRay()
    {
        foreach (var (variant, source) in new[] { ("tgw,peering,privatelink", "OTLP endpoints"), (LabSynthFixture.AwsXRay, "X-Ray exporter") })
        {
            var collectors = new StartupWalker(lab.Json(variant)).Processes().Where(p => p.Name.StartsWith("ADOT collector", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, collectors.Count);
            Assert.All(collectors, c => Assert.Contains(c.Calls, call => call is { Endpoint: "xray", Action: "xray:PutTraceSegments" } && call.Source.Contains(source, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void TheWalkCoversEveryPlatformsProcesses()
    {
        var names = new StartupWalker(lab.Json("tgw,peering,privatelink")).Processes().Select(p => p.Name).ToList();
        foreach (var expected in new[] { "ECS agent", "FireLens init", "FireLens router", "ADOT collector on ECS", "FIS SSM agent sidecar", "EC2 user data", "SSM agent",
                     "ADOT collector on EC2", "EKS node join", "Fluent Bit DaemonSet", "ADOT collector on EKS", "AWS Load Balancer Controller", "Manifest applier" })
        {
            Assert.Contains(names, n => n.StartsWith(expected, StringComparison.Ordinal));
        }
    }
}
