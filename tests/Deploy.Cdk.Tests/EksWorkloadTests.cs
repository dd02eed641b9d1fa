using Amazon.CDK.Assertions;
using k8s;
using k8s.Models;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Kubernetes;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>Service B on EKS: the L1 cluster and its parts, and the generated Kubernetes manifests.</summary>
[Collection(SynthCollection.Name)]
public class EksWorkloadTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    private static readonly Dictionary<string, Type> TypeMap = new()
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Service"] = typeof(V1Service),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["apps/v1/DaemonSet"] = typeof(V1DaemonSet),
        ["autoscaling/v2/HorizontalPodAutoscaler"] = typeof(V2HorizontalPodAutoscaler),
        ["elbv2.k8s.aws/v1beta1/TargetGroupBinding"] = typeof(TargetGroupBinding),
    };

    /// <summary>Writes the manifests the way Program.cs does and loads them back as typed Kubernetes objects.</summary>
    private List<object> Manifests(string variant)
    {
        var dir = Path.Combine(lab.OutDir, "k8s-" + LabSynthFixture.StackName(variant));
        var files = ServiceBManifests.Write(dir, lab.Stacks[variant].ServiceB.ManifestProps);
        return files.Order(StringComparer.Ordinal)
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f), TypeMap))
            .ToList();
    }

    [Fact]
    public void ClusterIsAnL1ClusterInVpcBsWorkloadSubnetsWithControlPlaneLogs()
    {
        var t = lab.Json(AllLinks);
        var cluster = Props(t.Resources("AWS::EKS::Cluster").Values.Single());
        Assert.Equal("tracinglab", Str(cluster, "Name"));
        Assert.Equal("1.35", Str(cluster, "Version"));
        var vpcConfig = cluster.GetProperty("ResourcesVpcConfig");
        Assert.False(vpcConfig.GetProperty("EndpointPublicAccess").GetBoolean());
        Assert.True(vpcConfig.GetProperty("EndpointPrivateAccess").GetBoolean());
        var subnets = vpcConfig.GetProperty("SubnetIds").EnumerateArray().Select(Target).ToList();
        Assert.All(subnets, s => Assert.StartsWith("NetworkVpcBVpcworkloadSubnet", s));
        Assert.Equal("API", cluster.GetProperty("AccessConfig").GetProperty("AuthenticationMode").GetString());
        var logTypes = cluster.GetProperty("Logging").GetProperty("ClusterLogging").GetProperty("EnabledTypes").EnumerateArray()
            .Select(e => e.GetProperty("Type").GetString());
        Assert.Contains("audit", logTypes);
    }

    [Fact]
    public void PublicApiEndpointOpensOnlyToTheAllowedCidrs()
    {
        var cluster = Props(lab.Json(LabSynthFixture.ThreeAzsWithNat).Resources("AWS::EKS::Cluster").Values.Single());
        var vpcConfig = cluster.GetProperty("ResourcesVpcConfig");
        Assert.True(vpcConfig.GetProperty("EndpointPublicAccess").GetBoolean());
        Assert.Equal(["203.0.113.0/24"], vpcConfig.GetProperty("PublicAccessCidrs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void NodeGroupAddOnsAccessEntriesAndPodIdentityAreInPlace()
    {
        var t = lab.Template(LabSynthFixture.ThreeAzsWithNat);
        t.HasResourceProperties("AWS::EKS::Nodegroup", new Dictionary<string, object>
        {
            ["AmiType"] = "AL2023_x86_64_STANDARD",
            ["ScalingConfig"] = new Dictionary<string, object> { ["MinSize"] = 2, ["DesiredSize"] = 2, ["MaxSize"] = 4 },
        });
        var addons = lab.Json(LabSynthFixture.ThreeAzsWithNat).Resources("AWS::EKS::Addon").Values.Select(a => Str(Props(a), "AddonName")).Order();
        Assert.Equal(["coredns", "eks-pod-identity-agent", "kube-proxy", "metrics-server", "vpc-cni"], addons);
        t.HasResourceProperties("AWS::EKS::AccessEntry", new Dictionary<string, object>
        {
            ["PrincipalArn"] = "arn:aws:iam::123456789012:role/LabAdmin",
        });
        var associations = lab.Json(LabSynthFixture.ThreeAzsWithNat).Resources("AWS::EKS::PodIdentityAssociation").Values.Select(Props)
            .Select(p => $"{Str(p, "Namespace")}/{Str(p, "ServiceAccount")}").Order();
        Assert.Equal(["kube-system/aws-load-balancer-controller", "tracinglab-logs/fluent-bit", "tracinglab/adot-collector", "tracinglab/serviceb"], associations);
        t.HasResourceProperties("AWS::EC2::LaunchTemplate", Match.ObjectLike(new Dictionary<string, object>
        {
            ["LaunchTemplateData"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["MetadataOptions"] = new Dictionary<string, object> { ["HttpTokens"] = "required", ["HttpPutResponseHopLimit"] = 1 },
            }),
        }));
    }

    [Fact]
    public void ManifestsParseAsKubernetesObjectsWithRequiredFields()
    {
        var objects = Manifests(AllLinks);
        Assert.All(objects, o =>
        {
            var k = (IKubernetesObject<V1ObjectMeta>)o;
            Assert.False(string.IsNullOrEmpty(k.ApiVersion));
            Assert.False(string.IsNullOrEmpty(k.Kind));
            Assert.False(string.IsNullOrEmpty(k.Metadata?.Name), $"{k.Kind} without a name");
        });
        Assert.Equal(["tracinglab", "tracinglab-logs"], objects.OfType<V1Namespace>().Select(n => n.Metadata.Name));
        Assert.Equal(["adot-collector", "fis-experiment", "fluent-bit", "serviceb"], objects.OfType<V1ServiceAccount>().Select(s => s.Metadata.Name).Order());

        var deployment = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "serviceb");
        var app = deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal("123456789012.dkr.ecr.us-east-1.amazonaws.com/tracinglab/serviceb:0123456789ab", app.Image);
        Assert.Equal("/health", app.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/alive", app.LivenessProbe.HttpGet.Path);
        Assert.Equal("http", app.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(8080, app.Ports.Single().ContainerPort);
        Assert.NotNull(app.Resources.Requests["cpu"]);
        Assert.NotNull(app.Resources.Requests["memory"]);
        Assert.Equal("serviceb", deployment.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels.Where(l => deployment.Spec.Selector.MatchLabels.ContainsKey(l.Key)).ToDictionary());

        var service = objects.OfType<V1Service>().Single(s => s.Metadata.Name == "serviceb");
        Assert.Equal(8080, service.Spec.Ports.Single().Port);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, service.Spec.Selector);

        var hpa = objects.OfType<V2HorizontalPodAutoscaler>().Single();
        Assert.Equal("serviceb", hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(2, hpa.Spec.MinReplicas);

        var fluentBit = objects.OfType<V1DaemonSet>().Single();
        Assert.Equal("fluent-bit", fluentBit.Spec.Template.Spec.ServiceAccountName);
        Assert.Contains("aws-for-fluent-bit", fluentBit.Spec.Template.Spec.Containers.Single().Image);
        var fluentConf = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "fluent-bit-config").Data["fluent-bit.conf"];
        Assert.Contains("Name               cloudwatch_logs", fluentConf);
        Assert.Contains("Rule          $stream ^stderr$ errors.$TAG false", fluentConf);

        var collector = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "adot-collector");
        Assert.Equal("adot-collector", collector.Spec.Template.Spec.ServiceAccountName);
        var collectorConfig = YamlFacts.Parse(objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "adot-collector-config").Data["config.yaml"]);
        Assert.Equal(["env"], YamlFacts.Strings(collectorConfig, "processors", "resourcedetection", "detectors"));
        Assert.Equal(["otlp_http"], YamlFacts.Strings(collectorConfig, "service", "pipelines", "traces", "exporters"));
        Assert.Contains(app.Env, e => e.Name == "OTEL_EXPORTER_OTLP_ENDPOINT" && e.Value == "http://adot-collector.tracinglab.svc.cluster.local:4317");
    }

    [Theory]
    [MemberData(nameof(LinkTests.Combinations), MemberType = typeof(LinkTests))]
    public void DeploymentDiscoversCOverEveryEnabledLinkAndBindsEveryLinkTargetGroup(string c)
    {
        var objects = Manifests(c);
        var settings = lab.Settings(c);
        var app = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "serviceb").Spec.Template.Spec.Containers.Single();
        var discovery = app.Env.Where(e => e.Name.StartsWith("services__", StringComparison.Ordinal)).ToDictionary(e => e.Name, e => e.Value);
        var expected = settings.Links.ToDictionary(l => $"services__servicec__{l.Name()}__0", l => $"http://servicec.{l.Name()}.tracinglab.internal:8080");
        Assert.Equal(expected.OrderBy(kv => kv.Key), discovery.OrderBy(kv => kv.Key));

        // Each binding names a target group that the stack really creates for serviceb.
        var groupNames = lab.Json(c).Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Values.Select(g => Str(Props(g), "Name")).ToHashSet();
        var bindings = objects.OfType<TargetGroupBinding>().ToList();
        Assert.Equal(settings.Links.Select(l => $"tl-serviceb-{l.Name()}").Order(), bindings.Select(b => b.Spec.TargetGroupName).Order());
        Assert.All(bindings, b =>
        {
            Assert.Contains(b.Spec.TargetGroupName, groupNames);
            Assert.Equal("serviceb", b.Spec.ServiceRef.Name);
            Assert.Equal(8080, b.Spec.ServiceRef.Port);
        });
    }

    [Fact]
    public void EachPodIdentityRoleCarriesOnlyWhatItsPodNeeds()
    {
        var t = lab.Json(AllLinks);
        var roleOf = t.Resources("AWS::EKS::PodIdentityAssociation").Values.Select(Props)
            .ToDictionary(p => Str(p, "ServiceAccount")!, p => Target(p.GetProperty("RoleArn")));
        var policies = t.Resources("AWS::IAM::Policy").Values.Select(Props).ToList();
        string Documents(string role) => string.Join(" ", policies
            .Where(p => p.GetProperty("Roles").EnumerateArray().Any(r => Target(r) == role))
            .Select(p => p.GetProperty("PolicyDocument").GetRawText()));

        Assert.Contains("xray:PutTraceSegments", Documents(roleOf["adot-collector"]));
        Assert.Contains("logs:PutLogEvents", Documents(roleOf["fluent-bit"]));
        Assert.DoesNotContain("xray:", Documents(roleOf["fluent-bit"]));
        Assert.Equal("", Documents(roleOf["serviceb"]));
        var controller = Documents(roleOf["aws-load-balancer-controller"]);
        Assert.Contains("elasticloadbalancing:RegisterTargets", controller);
        Assert.Contains("targetgroup/tl-serviceb-*", controller);
        Assert.DoesNotContain("CreateLoadBalancer", controller);

        var trust = Props(t.AllResources()[roleOf["adot-collector"]]).GetProperty("AssumeRolePolicyDocument").GetRawText();
        Assert.Contains("pods.eks.amazonaws.com", trust);
        Assert.Contains("sts:TagSession", trust);
    }
}
