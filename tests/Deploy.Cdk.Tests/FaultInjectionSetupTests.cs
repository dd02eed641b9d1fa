using System.Text.Json;
using Amazon.CDK.Assertions;
using k8s.Models;
using TracingLab.Contracts.Faults;
using TracingLab.Deploy.Faults;
using TracingLab.Deploy.Kubernetes;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>What the workloads carry so that the FIS templates' ECS and EKS actions work: sidecar, roles, RBAC, Pod Security.</summary>
[Collection(SynthCollection.Name)]
public class FaultInjectionSetupTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    private JsonElement Container(string variant, string name) =>
        Props(lab.Json(variant).Resources("AWS::ECS::TaskDefinition").Values.Single()).GetProperty("ContainerDefinitions")
            .EnumerateArray().Single(c => Str(c, "Name") == name);

    [Fact]
    public void ServiceATasksRunTheFisSsmAgentSidecarBesideTheFaultInjectionEndpoints()
    {
        lab.Template(AllLinks).HasResourceProperties("AWS::ECS::TaskDefinition", new Dictionary<string, object>
        {
            ["PidMode"] = "task", ["EnableFaultInjection"] = true,
        });
        var sidecar = Container(AllLinks, EcsFaultInjection.SidecarContainer);

        Assert.False(sidecar.GetProperty("Essential").GetBoolean());
        Assert.EndsWith("/ecr-public/" + EcsFaultInjection.SsmAgentImage, Flatten(sidecar.GetProperty("Image")), StringComparison.Ordinal);
        var script = sidecar.GetProperty("Command").EnumerateArray().Last().GetString()!;
        foreach (var step in new[] { "aws ssm create-activation", "Key=ECS_TASK_ARN,Value=\"$TASK_ARN\"", "Key=FAULT_INJECTION_SIDECAR,Value=true",
                     "amazon-ssm-agent -register", "trap cleanup TERM", "aws ssm deregister-managed-instance" })
        {
            Assert.Contains(step, script, StringComparison.Ordinal);
        }

        var env = sidecar.GetProperty("Environment").EnumerateArray().ToDictionary(e => Str(e, "Name")!, e => e.GetProperty("Value"));
        var role = Target(env["MANAGED_INSTANCE_ROLE_NAME"]);
        Assert.StartsWith("ServiceAFaultInjectionManagedInstanceRole", role, StringComparison.Ordinal);
        // ECS Exec would start its own SSM agent, which the FIS user guide says must be off for these actions.
        Assert.False(Props(lab.Json(AllLinks).Resources("AWS::ECS::Service").Values.Single()).TryGetProperty("EnableExecuteCommand", out _));
    }

    [Fact]
    public void TheManagedInstanceRoleIsSsmsAndTheTaskRoleMayOnlyCreateTaggedActivationsAndPassIt()
    {
        var t = lab.Json(AllLinks);
        var (roleId, role) = t.Resources("AWS::IAM::Role").Single(r => r.Key.StartsWith("ServiceAFaultInjectionManagedInstanceRole", StringComparison.Ordinal));
        var trust = Flatten(Props(role).GetProperty("AssumeRolePolicyDocument"));
        Assert.Contains("ssm.amazonaws.com", trust, StringComparison.Ordinal);
        Assert.Contains("AmazonSSMManagedInstanceCore", Flatten(Props(role).GetProperty("ManagedPolicyArns")), StringComparison.Ordinal);

        var policy = t.Resources("AWS::IAM::Policy").Values.Select(Props)
            .Single(p => Flatten(p.GetProperty("PolicyDocument")).Contains("ssm:CreateActivation", StringComparison.Ordinal));
        Assert.StartsWith("ServiceATaskTaskRole", Target(policy.GetProperty("Roles")[0]), StringComparison.Ordinal);
        var statements = policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        var create = statements.Single(s => Flatten(s.GetProperty("Action")).Contains("ssm:CreateActivation", StringComparison.Ordinal));
        Assert.Equal("true", Str(create.GetProperty("Condition").GetProperty("StringEquals"), "aws:RequestTag/FAULT_INJECTION_SIDECAR"));
        var pass = statements.Single(s => Str(s, "Action") == "iam:PassRole");
        Assert.Equal(roleId, Target(pass.GetProperty("Resource")));
        Assert.Equal("ssm.amazonaws.com", Str(pass.GetProperty("Condition").GetProperty("StringEquals"), "iam:PassedToService"));
        Assert.DoesNotContain(statements, s => Str(s, "Action") == "*" || Flatten(s.GetProperty("Action")).Contains("ssm:*", StringComparison.Ordinal));
    }

    [Fact]
    public void VpcAReachesSystemsManagerWithoutNat()
    {
        var endpoints = lab.Json(AllLinks).Resources("AWS::EC2::VPCEndpoint").Where(e => e.Key.StartsWith("NetworkVpcA", StringComparison.Ordinal))
            .Select(e => Flatten(Props(e.Value).GetProperty("ServiceName"))).ToList();
        foreach (var service in new[] { ".ssm", ".ssmmessages", ".ec2messages" })
        {
            Assert.Contains(endpoints, e => e.EndsWith(service, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheFisRoleSendsTheEcsDocumentsToTheLabsTasksManagedInstances()
    {
        var policy = Flatten(Props(lab.FaultsJson(AllLinks).Resources("AWS::IAM::Policy").Values.Single()).GetProperty("PolicyDocument"));
        foreach (var needed in new[] { "ecs:DescribeTasks", "ssm:SendCommand", "ssm:ListCommands", "ssm:CancelCommand", ":managed-instance/*",
                     "document/AWSFIS-Run-Network-Latency-ECS", "document/AWSFIS-Run-Network-Packet-Loss-ECS", "document/AWSFIS-Run-Network-Blackhole-Port-ECS" })
        {
            Assert.Contains(needed, policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ServiceBsNamespaceHoldsTheFisServiceAccountAndTheUserGuidesRbacBoundToTheAccessEntrysUser()
    {
        var objects = ServiceBManifests.Build(lab.Stacks[AllLinks].ServiceB.ManifestProps)
            .Single(f => f.File == ServiceBManifests.FaultInjectionFile).Objects;

        var account = objects.OfType<V1ServiceAccount>().Single();
        Assert.Equal(("fis-experiment", "tracinglab"), (account.Metadata.Name, account.Metadata.NamespaceProperty));
        var rules = objects.OfType<V1Role>().Single().Rules
            .Select(r => $"{r.ApiGroups.Single()}/{r.Resources.Single()}: {string.Join(",", r.Verbs)}").ToList();
        Assert.Equal(
        [
            "/configmaps: get,create,patch,delete", "/pods: create,list,get,delete,deletecollection", "/pods/ephemeralcontainers: update",
            "/pods/exec: create", "apps/deployments: get",
        ], rules);
        var binding = objects.OfType<V1RoleBinding>().Single();
        Assert.Equal(["ServiceAccount:fis-experiment", "User:fis-experiment"], binding.Subjects.Select(s => $"{s.Kind}:{s.Name}"));
        Assert.Equal(("Role", "fis-experiment"), (binding.RoleRef.Kind, binding.RoleRef.Name));

        lab.FaultsTemplate(AllLinks).HasResourceProperties("AWS::EKS::AccessEntry", new Dictionary<string, object>
        {
            ["Username"] = "fis-experiment", ["Type"] = "STANDARD",
        });
        var pods = Action("eks-latency").GetProperty("Parameters");
        Assert.Equal("fis-experiment", Str(pods, "kubernetesServiceAccount"));
    }

    [Fact]
    public void TheNamespaceEnforcesPrivilegedOnlyWhenATemplateUsesAPodNetworkActionAndStillWarnsAtRestricted()
    {
        var privileged = Namespace(lab.Stacks[AllLinks].ServiceB.ManifestProps);
        Assert.Equal(("privileged", "restricted", "restricted"), Levels(privileged));
        Assert.Equal(EksFaultInjection.PrivilegedReason, privileged.Metadata.Annotations["tracinglab/privileged-because"]);

        var without = lab.Stacks[AllLinks].ServiceB.ManifestProps;
        var restricted = new ServiceBManifestsProps
        {
            AppImage = without.AppImage, CollectorImage = without.CollectorImage, FluentBitImage = without.FluentBitImage, Region = without.Region,
            ClusterName = without.ClusterName, Links = without.Links, CollectorConfig = without.CollectorConfig, FluentBitConfig = without.FluentBitConfig,
        };
        Assert.Equal(("restricted", "restricted", "restricted"), Levels(Namespace(restricted)));
        Assert.DoesNotContain(ServiceBManifests.Build(restricted), f => f.File == ServiceBManifests.FaultInjectionFile);

        // Default templates carry eks-*; an experiment file needs the pods only for what is not a link blackhole.
        Assert.True(EksFaultInjection.NeedsPodNetworkActions(null));
        Assert.True(EksFaultInjection.NeedsPodNetworkActions(Experiment.Load(Path.Combine(lab.RepositoryRoot, "docs", "experiments", "mixed.json"))));
        Assert.False(EksFaultInjection.NeedsPodNetworkActions(Experiment.Load(Path.Combine(lab.RepositoryRoot, "docs", "experiments", "tgw-blackhole.json"))));
        Assert.True(lab.Stacks[LabSynthFixture.MixedExperiment].ServiceB.ManifestProps.FaultInjection);
        Assert.Contains(lab.FaultsJson(LabSynthFixture.MixedExperiment).Resources("AWS::FIS::ExperimentTemplate").Values,
            t => Flatten(Props(t).GetProperty("Actions")).Contains("aws:eks:pod-network-", StringComparison.Ordinal));
    }

    [Fact]
    public void OverlappingWorkloadFaultsOfAnExperimentAreNamedAsFailingInAws()
    {
        var mixed = Experiment.Load(Path.Combine(lab.RepositoryRoot, "docs", "experiments", "mixed.json"));
        var overlap = Assert.Single(LabFaultExperiments.WorkloadOverlaps(mixed));
        Assert.Contains("faults[0] (peering=latency", overlap, StringComparison.Ordinal);
        Assert.Contains("faults[1] (privatelink=loss", overlap, StringComparison.Ordinal);
        Assert.Empty(LabFaultExperiments.WorkloadOverlaps(Experiment.Load(Path.Combine(lab.RepositoryRoot, "docs", "experiments", "tgw-blackhole.json"))));
        Annotations.FromStack(lab.Stacks[LabSynthFixture.MixedExperiment])
            .HasWarning("*", Match.StringLikeRegexp(".*faults\\[0\\].*faults\\[1\\].*overlap.*"));
    }

    [Fact]
    public void ServiceBsPodsKeepAWritableRootFileSystemAsFisNeedsToMonitorTheFault()
    {
        var deployment = ServiceBManifests.Build(lab.Stacks[AllLinks].ServiceB.ManifestProps).SelectMany(f => f.Objects).OfType<V1Deployment>()
            .Single(d => d.Metadata.Name == ServiceBManifests.AppName);
        Assert.All(deployment.Spec.Template.Spec.Containers, c => Assert.NotEqual(true, c.SecurityContext?.ReadOnlyRootFilesystem));
    }

    private static V1Namespace Namespace(ServiceBManifestsProps props) =>
        ServiceBManifests.Build(props).SelectMany(f => f.Objects).OfType<V1Namespace>().Single(n => n.Metadata.Name == props.Namespace);

    private static (string, string, string) Levels(V1Namespace ns) =>
        (ns.Metadata.Labels["pod-security.kubernetes.io/enforce"], ns.Metadata.Labels["pod-security.kubernetes.io/audit"],
            ns.Metadata.Labels["pod-security.kubernetes.io/warn"]);

    private JsonElement Action(string template) => lab.FaultsJson(AllLinks).Resources("AWS::FIS::ExperimentTemplate").Values.Select(Props)
        .Single(p => Flatten(p.GetProperty("Tags")) == $"tracinglab-{template}").GetProperty("Actions").GetProperty("fault0");
}
