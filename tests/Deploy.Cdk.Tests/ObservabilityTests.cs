using Amazon.CDK.Assertions;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>Log groups, X-Ray groups and sampling, SLO and log alarms, saved queries, the dashboard, ECR.</summary>
[Collection(SynthCollection.Name)]
public class ObservabilityTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    [Fact]
    public void EveryLogGroupHasRetention()
    {
        var groups = lab.Json(AllLinks).Resources("AWS::Logs::LogGroup");
        Assert.All(groups, g => Assert.True(Props(g.Value).TryGetProperty("RetentionInDays", out _), $"{g.Key} keeps logs forever"));
        var names = groups.Values.Select(g => Str(Props(g), "LogGroupName")).Where(n => n is not null).ToHashSet();
        Assert.Superset(new HashSet<string?> { "/tracinglab/servicea", "/tracinglab/serviceb", "/tracinglab/servicec", "/tracinglab/metrics", "/aws/eks/tracinglab/cluster" }, names);
    }

    [Theory]
    [MemberData(nameof(LinkTests.Combinations), MemberType = typeof(LinkTests))]
    public void EachEnabledLinkHasAnXRayGroupFilteringOnItsAnnotation(string c)
    {
        var groups = lab.Json(c).Resources("AWS::XRay::Group").Values.Select(Props)
            .ToDictionary(g => Str(g, "GroupName")!, g => Str(g, "FilterExpression")!);
        var expected = lab.Settings(c).Links.ToDictionary(l => $"tracinglab-{l.ToString().ToLowerInvariant()}", l => $"annotation.lab_link = \"{l.ToString().ToLowerInvariant()}\"");
        Assert.Equal(expected.OrderBy(kv => kv.Key), groups.OrderBy(kv => kv.Key));
        lab.Template(c).ResourceCountIs("AWS::XRay::SamplingRule", 1);
    }

    [Fact]
    public void SloAlarmsAtAWatchTheFiveXxRateAndP99Latency()
    {
        var t = lab.Json(AllLinks);
        var alarms = t.Resources("AWS::CloudWatch::Alarm").Values.Select(Props).ToDictionary(a => Str(a, "AlarmName")!);

        var availability = alarms["tracinglab-servicea-availability"];
        Assert.Equal(0.1, availability.GetProperty("Threshold").GetDouble(), 6);
        Assert.Equal("GreaterThanThreshold", Str(availability, "ComparisonOperator"));
        var metrics = availability.GetProperty("Metrics").GetRawText();
        Assert.Contains("HTTPCode_Target_5XX_Count", metrics);
        Assert.Contains("RequestCount", metrics);

        var latency = alarms["tracinglab-servicea-p99-latency"];
        Assert.Equal("p99", Str(latency, "ExtendedStatistic"));
        Assert.Equal("TargetResponseTime", Str(latency, "MetricName"));
        Assert.Equal(1, latency.GetProperty("Threshold").GetDouble());

        var topic = t.Resources("AWS::SNS::Topic").Keys.Single();
        Assert.All(alarms.Values, a => Assert.Equal(topic, Target(a.GetProperty("AlarmActions")[0])));
    }

    [Fact]
    public void ErrorAndFatalLogLinesAreCountedAndAlarmed()
    {
        var t = lab.Json(AllLinks);
        var filters = t.Resources("AWS::Logs::MetricFilter").Values.Select(Props).ToList();
        Assert.Equal(6, filters.Count);
        Assert.Equal(3, filters.Count(f => Str(f, "FilterPattern")!.Contains("\"Error\"", StringComparison.Ordinal)));
        Assert.Equal(3, filters.Count(f => Str(f, "FilterPattern")!.Contains("\"Critical\"", StringComparison.Ordinal)));
        var alarms = t.Resources("AWS::CloudWatch::Alarm").Values.Select(Props).Select(a => Str(a, "AlarmName")!).ToHashSet();
        foreach (var service in new[] { "servicea", "serviceb", "servicec" })
        {
            Assert.Contains($"tracinglab-{service}-errors-logs", alarms);
            Assert.Contains($"tracinglab-{service}-fatal-logs", alarms);
        }
    }

    [Fact]
    public void AlarmEmailSubscribesToTheTopicWhenGiven()
    {
        lab.Template(LabSynthFixture.ThreeAzsWithNat).HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object>
        {
            ["Protocol"] = "email",
            ["Endpoint"] = "ops@example.com",
        });
        lab.Template(AllLinks).ResourceCountIs("AWS::SNS::Subscription", 0);
    }

    [Fact]
    public void LogsInsightsHasQueriesByTraceIdAndErrorsByService()
    {
        var names = lab.Json(AllLinks).Resources("AWS::Logs::QueryDefinition").Values.Select(q => Str(Props(q), "Name")).Order();
        Assert.Equal(["tracinglab/errors-by-service", "tracinglab/logs-of-trace"], names);
    }

    [Theory]
    [MemberData(nameof(LinkTests.Combinations), MemberType = typeof(LinkTests))]
    public void DashboardShowsEachServiceAndEachEnabledLink(string c)
    {
        var body = Flatten(Props(lab.Json(c).Resources("AWS::CloudWatch::Dashboard").Values.Single()).GetProperty("DashboardBody"));
        Assert.Contains("Service A", body);
        Assert.Contains("http.server.request.duration", body);
        foreach (var link in new[] { "tgw", "peering", "privatelink" })
        {
            Assert.Equal(lab.Settings(c).Links.Any(l => l.ToString().Equals(link, StringComparison.OrdinalIgnoreCase)), body.Contains($"Link: {link}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void RepositoriesScanOnPushAndKeepTheLastTenImages()
    {
        var t = lab.ImagesTemplate;
        t.ResourceCountIs("AWS::ECR::Repository", 3);
        foreach (var service in new[] { "servicea", "serviceb", "servicec" })
        {
            t.HasResourceProperties("AWS::ECR::Repository", new Dictionary<string, object>
            {
                ["RepositoryName"] = $"tracinglab/{service}",
                ["ImageScanningConfiguration"] = new Dictionary<string, object> { ["ScanOnPush"] = true },
                ["LifecyclePolicy"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["LifecyclePolicyText"] = Match.StringLikeRegexp("\"countNumber\":10"),
                }),
            });
        }

        t.HasResourceProperties("AWS::ECR::PullThroughCacheRule", new Dictionary<string, object>
        {
            ["EcrRepositoryPrefix"] = "ecr-public",
            ["UpstreamRegistryUrl"] = "public.ecr.aws",
        });
    }

    [Fact]
    public void AllLinksSynthYieldsEveryWorkloadAndStaysUnderTheCloudFormationResourceLimit()
    {
        var t = lab.Template(AllLinks);
        foreach (var type in new[]
                 {
                     "AWS::ECS::Service", "AWS::EKS::Cluster", "AWS::EKS::Nodegroup", "AWS::AutoScaling::AutoScalingGroup",
                     "AWS::CloudWatch::Dashboard",
                 })
        {
            t.ResourceCountIs(type, 1);
        }

        Assert.True(lab.Json(AllLinks).Resources("AWS::CloudWatch::Alarm").Count >= 8);
        foreach (var variant in new[] { AllLinks, LabSynthFixture.ThreeAzsWithNat })
        {
            var count = lab.Json(variant).AllResources().Count;
            Assert.True(count < 500, $"{variant} has {count} resources; CloudFormation allows 500 per stack");
        }
    }
}
