using System.Text.Json;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>What a first deploy in a real account needs: alarms that can notify, pinned images, a cluster someone can
/// reach, instances that roll out new builds, subnets placed by AZ id.</summary>
[Collection(SynthCollection.Name)]
public class FirstDeployTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    [Fact]
    public void CloudWatchMayPublishAlarmsToTheTopicFromThisAccountOnlyAndOnlyOverTls()
    {
        var statements = Props(lab.Json(AllLinks).Resources("AWS::SNS::TopicPolicy").Values.Single())
            .GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        var allow = statements.Single(s => Str(s, "Effect") == "Allow");
        Assert.Equal("cloudwatch.amazonaws.com", allow.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("sns:Publish", Str(allow, "Action"));
        var conditions = allow.GetProperty("Condition");
        Assert.Contains("AWS::AccountId", conditions.GetProperty("StringEquals").GetProperty("aws:SourceAccount").GetRawText());
        Assert.Contains(":alarm:*", Flatten(conditions.GetProperty("ArnLike").GetProperty("aws:SourceArn")));
        var deny = statements.Single(s => Str(s, "Effect") == "Deny");
        Assert.Equal("false", deny.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString());
    }

    [Fact]
    public void NoImageOrPackageUsesAMovingTagAndRepositoriesAreImmutable()
    {
        var texts = new List<string> { lab.Json(AllLinks).Root.GetRawText() };
        texts.AddRange(Kubernetes.ServiceBManifests.Build(lab.Stacks[AllLinks].ServiceB.ManifestProps)
            .SelectMany(f => f.Objects).Select(o => k8s.KubernetesYaml.Serialize(o)));
        foreach (var moving in new[] { ":latest", ":stable", ":init-latest", "/latest/" })
        {
            Assert.DoesNotContain(texts, t => t.Contains(moving, StringComparison.Ordinal));
        }

        Assert.All(lab.ImagesTemplate.FindResources("AWS::ECR::Repository").Values,
            r => Assert.Equal("IMMUTABLE", ((Dictionary<string, object>)r["Properties"])["ImageTagMutability"]));
    }

    [Fact]
    public void WithoutEksAdminArnTheStackCreatesAnAdminRoleWithAnAccessEntry()
    {
        var t = lab.Json(AllLinks);
        var entry = Props(t.Resources("AWS::EKS::AccessEntry").Values.Single(e => !Flatten(Props(e).GetProperty("PrincipalArn")).Contains("ManifestApplier", StringComparison.Ordinal)));
        var role = Target(entry.GetProperty("PrincipalArn"));
        Assert.True(t.Resources("AWS::IAM::Role").ContainsKey(role), $"access entry principal {role} is not the stack's role");
        Assert.Contains("AmazonEKSClusterAdminPolicy", Flatten(entry.GetProperty("AccessPolicies")));
        Assert.True(t.Root.GetProperty("Outputs").TryGetProperty("EksAdminRoleArn", out _));

        var given = Props(lab.Json(LabSynthFixture.ThreeAzsWithNat).Resources("AWS::EKS::AccessEntry").Values
            .Single(e => !Flatten(Props(e).GetProperty("PrincipalArn")).Contains("ManifestApplier", StringComparison.Ordinal)));
        Assert.Equal("arn:aws:iam::123456789012:role/LabAdmin", Str(given, "PrincipalArn"));
    }

    [Fact]
    public void ControlPlaneHasItsOwnGroupAndNodesGetNoVpcWideApiRule()
    {
        var t = lab.Json(AllLinks);
        var cluster = Props(t.Resources("AWS::EKS::Cluster").Values.Single());
        var own = Target(cluster.GetProperty("ResourcesVpcConfig").GetProperty("SecurityGroupIds")[0]);
        Assert.StartsWith("EKS control plane", Str(Props(t.Resources("AWS::EC2::SecurityGroup")[own]), "GroupDescription"));
        Assert.DoesNotContain(t.IngressRules(), r => r.Rule.TryGetProperty("GroupId", out var g) && g.GetRawText().Contains("ClusterSecurityGroupId", StringComparison.Ordinal));
        var nodeGroups = Props(t.Resources("AWS::EC2::LaunchTemplate").Values.First(lt =>
            Props(lt).GetProperty("LaunchTemplateData").TryGetProperty("SecurityGroupIds", out _))).GetProperty("LaunchTemplateData").GetProperty("SecurityGroupIds");
        Assert.DoesNotContain(own, nodeGroups.GetRawText(), StringComparison.Ordinal);
        Assert.All(t.IngressRules().Where(r => r.Owner == own), r => Assert.Equal(443, r.Rule.GetProperty("FromPort").GetInt32()));
    }

    [Fact]
    public void ServiceCRollsOutNewBuildsAndABootstrapFailureFailsTheDeploy()
    {
        var asg = lab.Json(AllLinks).Resources("AWS::AutoScaling::AutoScalingGroup").Values.Single();
        var rolling = asg.GetProperty("UpdatePolicy").GetProperty("AutoScalingRollingUpdate");
        Assert.True(rolling.GetProperty("WaitOnResourceSignals").GetBoolean());
        Assert.Equal("1", rolling.GetProperty("MaxBatchSize").ToString());
        Assert.True(asg.GetProperty("CreationPolicy").GetProperty("ResourceSignal").TryGetProperty("Timeout", out _));
        var template = Flatten(Props(lab.Json(AllLinks).Resources("AWS::EC2::LaunchTemplate").Values
            .Single(lt => Props(lt).GetProperty("LaunchTemplateData").TryGetProperty("UserData", out _))).GetProperty("LaunchTemplateData").GetProperty("UserData"));
        Assert.Contains("cfn-signal --stack", template);
        Assert.Contains("trap exitTrap EXIT", template);
        var grace = Props(asg).GetProperty("HealthCheckGracePeriod").GetInt32();
        Assert.True(grace > 15 * 60, $"grace {grace}s would let the NLB check replace an instance still booting");
    }

    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void SubnetsArePlacedByAzIdAndEveryTierButTheTgwOneHasItsOwnAcl(string variant)
    {
        var t = lab.Json(variant);
        var ids = lab.Settings(variant).AzIds;
        var associated = t.Resources("AWS::EC2::SubnetNetworkAclAssociation").Values.Select(a => Target(Props(a).GetProperty("SubnetId"))).ToHashSet();
        foreach (var (id, subnet) in t.Resources("AWS::EC2::Subnet"))
        {
            var p = Props(subnet);
            Assert.False(p.TryGetProperty("AvailabilityZone", out _), $"{id} is placed by AZ name");
            Assert.Contains(Str(p, "AvailabilityZoneId"), ids);
            var tier = p.GetProperty("Tags").EnumerateArray().First(x => Str(x, "Key") == "aws-cdk:subnet-name").GetProperty("Value").GetString();
            Assert.True(associated.Contains(id) == (tier is not ("tgw" or "public")), $"{variant}: {id} ({tier}) ACL association is wrong");
        }
    }

    [Theory]
    [MemberData(nameof(LinkTests.Combinations), MemberType = typeof(LinkTests))]
    public void WorkloadsReachOnlyEndpointsS3AndTheirProvidersAndS3OnlyTheLabBuckets(string c)
    {
        var t = lab.Json(c);
        var workloadGroups = t.Resources("AWS::EC2::SecurityGroup")
            .Where(g => Str(Props(g.Value), "GroupDescription")!.StartsWith("Lab workload", StringComparison.Ordinal)).Select(g => g.Key).ToHashSet();
        foreach (var (owner, rule) in EgressRules(t).Where(r => workloadGroups.Contains(r.Owner)))
        {
            Assert.NotEqual("0.0.0.0/0", Str(rule, "CidrIp"));
            Assert.True(rule.TryGetProperty("DestinationPrefixListId", out _) || rule.TryGetProperty("DestinationSecurityGroupId", out _)
                || Str(rule, "CidrIp") is not null, $"{owner}: {rule.GetRawText()}");
        }

        foreach (var policy in t.Resources("AWS::EC2::VPCEndpoint").Values.Select(Props).Where(p => Str(p, "VpcEndpointType") == "Gateway"))
        {
            var statement = policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().Single(s => Str(s, "Sid") == "LabBucketsOnly");
            Assert.Equal("s3:GetObject", Str(statement, "Action"));
            var buckets = statement.GetProperty("Resource").EnumerateArray().Select(Flatten).ToList();
            Assert.Equal(3, buckets.Count);
            Assert.All(buckets, b => Assert.EndsWith("/*", b));
            Assert.DoesNotContain(buckets, b => b.Contains("aws-otel-collector", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void VpcAsS3EndpointLetsFireLensInitLocateItsConfigBucketAndNothingElse(string variant)
    {
        var t = lab.Json(variant);
        var router = Props(t.Resources("AWS::ECS::TaskDefinition").Values.Single()).GetProperty("ContainerDefinitions").EnumerateArray()
            .Single(c => Str(c, "Name") == "log-router");
        var config = Flatten(router.GetProperty("Environment").EnumerateArray().Single(e => Str(e, "Name") == "aws_fluent_bit_init_s3_1").GetProperty("Value"));
        var bucket = config[..config.IndexOf('/', StringComparison.Ordinal)];
        foreach (var (id, endpoint) in t.Resources("AWS::EC2::VPCEndpoint").Where(e => Str(Props(e.Value), "VpcEndpointType") == "Gateway"))
        {
            var locate = Props(endpoint).GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
                .Where(s => Flatten(s.GetProperty("Action")).Contains("s3:GetBucketLocation", StringComparison.Ordinal)).ToList();
            if (Target(Props(endpoint).GetProperty("VpcId")).StartsWith("NetworkVpcA", StringComparison.Ordinal))
            {
                var statement = Assert.Single(locate);
                Assert.Equal("s3:GetBucketLocation", Str(statement, "Action"));
                Assert.Equal(bucket, Flatten(statement.GetProperty("Resource")));
            }
            else
            {
                Assert.True(locate.Count == 0, $"{variant}: {id} allows s3:GetBucketLocation, which only VPC A's FireLens init needs");
            }
        }
    }

    [Theory]
    [MemberData(nameof(NetworkInvariantTests.Variants), MemberType = typeof(NetworkInvariantTests))]
    public void BsPodsKeepTheirAddressTowardCOverRoutedLinksOnly(string variant)
    {
        var cni = Props(lab.Json(variant).Resources("AWS::EKS::Addon").Values.Single(a => Str(Props(a), "AddonName") == "vpc-cni"));
        var settings = lab.Settings(variant);
        if (settings.Links.Any(l => Configuration.LinkKinds.IsRouted(l)))
        {
            using var doc = JsonDocument.Parse(Str(cni, "ConfigurationValues")!);
            Assert.Equal(settings.CidrC.ToString(), doc.RootElement.GetProperty("env").GetProperty("AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS").GetString());
        }
        else
        {
            Assert.False(cni.TryGetProperty("ConfigurationValues", out _), $"{variant}: nothing leaves VPC B, yet the CNI is configured");
        }
    }

    [Fact]
    public void EksRunsAVersionInStandardSupportOnAnAmiThatSupportsIt()
    {
        var t = lab.Json(AllLinks);
        var version = Version.Parse(Str(Props(t.Resources("AWS::EKS::Cluster").Values.Single()), "Version")!);
        Assert.True(version >= new Version(1, 35), $"EKS {version}: 1.34's standard support ended 2026-12-02");
        // No EKS-optimized Amazon Linux 2 AMI exists for 1.33 and later (EKS user guide, Kubernetes 1.33 notes); AL2023 does.
        Assert.Equal("AL2023_x86_64_STANDARD", Str(Props(t.Resources("AWS::EKS::Nodegroup").Values.Single()), "AmiType"));
        Assert.All(t.Resources("AWS::EKS::Addon").Values.Select(Props), a => Assert.False(a.TryGetProperty("AddonVersion", out _),
            $"{Str(a, "AddonName")} pins a version: EKS picks each add-on's default for the cluster's version"));
    }

    private static IEnumerable<(string Owner, JsonElement Rule)> EgressRules(LabTemplate t)
    {
        foreach (var (id, sg) in t.Resources("AWS::EC2::SecurityGroup"))
        {
            if (Props(sg).TryGetProperty("SecurityGroupEgress", out var rules))
            {
                foreach (var rule in rules.EnumerateArray())
                {
                    yield return (id, rule);
                }
            }
        }

        foreach (var (_, rule) in t.Resources("AWS::EC2::SecurityGroupEgress"))
        {
            yield return (Target(Props(rule).GetProperty("GroupId")), Props(rule));
        }
    }
}
