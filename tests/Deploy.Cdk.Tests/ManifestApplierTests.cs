using TracingLab.Deploy.Kubernetes;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>Service B's manifests are applied from inside VPC B by a CodeBuild project, never from a GitHub-hosted runner.</summary>
[Collection(SynthCollection.Name)]
public class ManifestApplierTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void TheProjectRunsInVpcBsWorkloadSubnetsAndReachesOnlyTheApiAndAwsEndpoints(string variant)
    {
        var t = lab.Json(variant);
        var project = Props(t.Resources("AWS::CodeBuild::Project").Values.Single());
        Assert.Equal(ManifestApplier.ProjectName, Str(project, "Name"));
        var vpcConfig = project.GetProperty("VpcConfig");
        Assert.StartsWith("NetworkVpcBVpc", Target(vpcConfig.GetProperty("VpcId")), StringComparison.Ordinal);
        Assert.All(vpcConfig.GetProperty("Subnets").EnumerateArray(), s => Assert.Contains("workloadSubnet", Target(s), StringComparison.Ordinal));
        var group = Target(vpcConfig.GetProperty("SecurityGroupIds")[0]);
        var egress = t.Resources("AWS::EC2::SecurityGroupEgress").Values.Select(Props).Where(r => Target(r.GetProperty("GroupId")) == group)
            .Concat(Props(t.Resources("AWS::EC2::SecurityGroup")[group]).TryGetProperty("SecurityGroupEgress", out var inline) ? inline.EnumerateArray() : [])
            .ToList();
        Assert.All(egress, r => Assert.Equal(443, r.GetProperty("FromPort").GetInt32()));
        Assert.Contains(egress, r => r.TryGetProperty("DestinationSecurityGroupId", out var d) && Target(d).StartsWith("ServiceBControlPlaneSg", StringComparison.Ordinal));
    }

    [Fact]
    public void ItsRoleHasAnAccessEntryAndTheBindingsWaitForTheLoadBalancerController()
    {
        var t = lab.Json(AllLinks);
        var project = Props(t.Resources("AWS::CodeBuild::Project").Values.Single());
        var role = Target(project.GetProperty("ServiceRole"));
        Assert.Contains(t.Resources("AWS::EKS::AccessEntry").Values.Select(Props), e => Target(e.GetProperty("PrincipalArn")) == role);
        var spec = Flatten(project.GetProperty("Source").GetProperty("BuildSpec"));
        var wait = spec.IndexOf("wait deployment/aws-load-balancer-controller --for=condition=Available", StringComparison.Ordinal);
        Assert.True(wait > 0, spec);
        Assert.True(spec.IndexOf($"apply -f {ServiceBManifests.BindingsFile}", StringComparison.Ordinal) > wait, "bindings before the controller is ready");
        Assert.True(spec.IndexOf("apply -f 30-serviceb.yaml", StringComparison.Ordinal) < wait, "the app waits for nothing");
        Assert.Contains("kubectl", Flatten(project.GetProperty("SecondarySources")) + spec, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStackCreatedAdminRoleTrustsOnlyPeopleOfThisAccount()
    {
        var t = lab.Json(AllLinks);
        var admin = Props(t.Resources("AWS::IAM::Role").Single(r => r.Key.StartsWith("ServiceBAdminRole", StringComparison.Ordinal)).Value);
        var statement = admin.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0];
        var condition = statement.GetProperty("Condition");
        Assert.Contains("AWS::AccountId", condition.GetProperty("StringEquals").GetProperty("aws:PrincipalAccount").GetRawText(), StringComparison.Ordinal);
        var excluded = Flatten(condition.GetProperty("ArnNotLike").GetProperty("aws:PrincipalArn"));
        Assert.Contains("role/tracinglab-github-*", excluded, StringComparison.Ordinal);
        Assert.Contains("role/cdk-*", excluded, StringComparison.Ordinal);
    }
}
