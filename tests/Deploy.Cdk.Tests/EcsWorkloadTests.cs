using System.Text.Json;
using Amazon.CDK.Assertions;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>Service A on ECS Fargate: containers, FireLens, collector config, deployment safety, scaling, ALB.</summary>
[Collection(SynthCollection.Name)]
public class EcsWorkloadTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    private static Dictionary<string, JsonElement> Containers(LabTemplate t) =>
        Props(t.Resources("AWS::ECS::TaskDefinition").Values.Single()).GetProperty("ContainerDefinitions").EnumerateArray()
            .ToDictionary(c => c.GetProperty("Name").GetString()!);

    private static Dictionary<string, string> Env(JsonElement container) =>
        container.TryGetProperty("Environment", out var env)
            ? env.EnumerateArray().ToDictionary(e => e.GetProperty("Name").GetString()!, e => Flatten(e.GetProperty("Value")))
            : [];

    [Fact]
    public void TaskRunsTheAppBesideACollectorAndAFireLensRouter()
    {
        var containers = Containers(lab.Json(AllLinks));
        Assert.Equal(["adot-collector", "amazon-ssm-agent", "app", "log-router"], containers.Keys.Order());

        var router = containers["log-router"];
        Assert.Equal("fluentbit", router.GetProperty("FirelensConfiguration").GetProperty("Type").GetString());
        Assert.Contains("/ecr-public/aws-observability/aws-for-fluent-bit:init", Flatten(router.GetProperty("Image")));
        Assert.StartsWith("arn:", Env(router)["aws_fluent_bit_init_s3_1"]);

        var collector = containers["adot-collector"];
        Assert.Contains("/ecr-public/aws-observability/aws-otel-collector", Flatten(collector.GetProperty("Image")));
        Assert.Equal("--config=env:AOT_CONFIG_CONTENT", collector.GetProperty("Command")[0].GetString());
        var secret = collector.GetProperty("Secrets")[0];
        Assert.Equal("AOT_CONFIG_CONTENT", secret.GetProperty("Name").GetString());
        Assert.Contains(":parameter", Flatten(secret.GetProperty("ValueFrom")));

        var app = containers["app"];
        Assert.Contains("/tracinglab/servicea:0123456789ab", Flatten(app.GetProperty("Image")));
        Assert.Equal(8080, app.GetProperty("PortMappings")[0].GetProperty("ContainerPort").GetInt32());
        var dependsOn = app.GetProperty("DependsOn").EnumerateArray().Select(d => d.GetProperty("ContainerName").GetString()).Order();
        Assert.Equal(["adot-collector", "log-router"], dependsOn);
    }

    [Fact]
    public void AppLogsGoThroughFireLensToCloudWatchWithErrorsInTheirOwnStream()
    {
        var t = lab.Json(AllLinks);
        var app = Containers(t)["app"];
        var log = app.GetProperty("LogConfiguration");
        Assert.Equal("awsfirelens", log.GetProperty("LogDriver").GetString());
        var options = log.GetProperty("Options");
        Assert.Equal("cloudwatch_logs", Str(options, "Name"));
        Assert.Equal("app/", Str(options, "log_stream_prefix"));
        Assert.Equal("log", Str(options, "log_key"));
        var group = Target(options.GetProperty("log_group_name"));
        Assert.Equal("/tracinglab/servicea", Str(Props(t.AllResources()[group]), "LogGroupName"));

        // stderr (Error and Critical) is retagged and sent to errors/ by the extra config the init image loads.
        var extra = FluentBitConfig.EcsExtra(LabService.A);
        Assert.Contains("Rule          $source ^stderr$ errors.$TAG false", extra);
        Assert.Contains("log_stream_prefix  errors/", extra);
        Assert.Contains("log_group_name     /tracinglab/servicea", extra);
        Assert.Equal("Error", Env(app)["Logging__Console__LogToStandardErrorThreshold"]);

        // aws.log.group.names links X-Ray traces to these logs.
        Assert.Contains("aws.log.group.names=/tracinglab/servicea", Env(app)["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://localhost:4317", Env(app)["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("servicea", Env(app)["OTEL_SERVICE_NAME"]);
    }

    [Fact]
    public void CollectorConfigInSsmHasTheExpectedPipelinesWithTheAwsXRayExporter()
    {
        // The awsxray path; the default (otlp) path is in TraceExportTests.
        var t = lab.Json(LabSynthFixture.AwsXRay);
        var parameter = t.Resources("AWS::SSM::Parameter").Values.Select(Props)
            .Single(p => Str(p, "Name") == "/tracinglab/adot/servicea");
        var config = YamlFacts.Parse(Str(parameter, "Value")!);

        Assert.Equal(["env", "ecs"], YamlFacts.Strings(config, "processors", "resourcedetection", "detectors"));
        Assert.Equal(["otlp"], YamlFacts.Strings(config, "service", "pipelines", "traces", "receivers"));
        Assert.Equal(["resourcedetection", "attributes/xray_annotation_keys", "batch"], YamlFacts.Strings(config, "service", "pipelines", "traces", "processors"));
        Assert.Equal(["resourcedetection", "batch"], YamlFacts.Strings(config, "service", "pipelines", "metrics", "processors"));
        Assert.Equal(["awsxray"], YamlFacts.Strings(config, "service", "pipelines", "traces", "exporters"));
        Assert.Equal(["awsemf"], YamlFacts.Strings(config, "service", "pipelines", "metrics", "exporters"));
        Assert.Equal(["otlp"], YamlFacts.Strings(config, "service", "pipelines", "logs", "receivers"));
        // The keys the local X-Ray view uses (XRayTranslatorOptions: lab.link, lab.hop with dots as underscores), whatever
        // the exporter's allowDot gate says: the attributes processor renames them before the exporter.
        Assert.Equal(["lab_link", "lab_hop"], YamlFacts.Strings(config, "exporters", "awsxray", "indexed_attributes"));
        var actions = ((List<object>)YamlFacts.At(config, "processors", "attributes/xray_annotation_keys", "actions"))
            .Cast<Dictionary<object, object>>()
            .Select(a => $"{a["action"]} {a["key"]}{(a.TryGetValue("from_attribute", out var from) ? " from " + from : "")}");
        Assert.Equal(["insert lab_link from lab.link", "delete lab.link", "insert lab_hop from lab.hop", "delete lab.hop"], actions);
        Assert.Equal("0.0.0.0:4317", YamlFacts.At(config, "receivers", "otlp", "protocols", "grpc", "endpoint"));
        Assert.Equal("us-east-1", YamlFacts.At(config, "exporters", "awsemf", "region"));
    }

    [Theory]
    [MemberData(nameof(LinkTests.Combinations), MemberType = typeof(LinkTests))]
    public void AppDiscoversBAndCOverExactlyTheEnabledLinks(string c)
    {
        var env = Env(Containers(lab.Json(c))["app"]);
        var discovery = env.Where(kv => kv.Key.StartsWith("services__", StringComparison.Ordinal)).ToDictionary();
        var settings = lab.Settings(c);
        var expected = new[] { LabService.B, LabService.C }
            .SelectMany(p => settings.Links.Select(l => (Key: $"services__{p.Name()}__{l.Name()}__0", Url: $"http://{p.Name()}.{l.Name()}.tracinglab.internal:8080")))
            .ToDictionary(x => x.Key, x => x.Url);
        Assert.Equal(expected.OrderBy(kv => kv.Key), discovery.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void DeploymentsRollBackOnFailureAndTheServiceScalesOnCpuAndRequests()
    {
        var t = lab.Template(AllLinks);
        t.HasResourceProperties("AWS::ECS::Service", new Dictionary<string, object>
        {
            ["LaunchType"] = "FARGATE",
            ["DeploymentConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["DeploymentCircuitBreaker"] = new Dictionary<string, object> { ["Enable"] = true, ["Rollback"] = true },
            }),
            ["NetworkConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["AwsvpcConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["AssignPublicIp"] = "DISABLED" }),
            }),
        });
        t.HasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", new Dictionary<string, object>
        {
            ["MinCapacity"] = 2,
            ["MaxCapacity"] = 6,
            ["ServiceNamespace"] = "ecs",
        });
        var policies = lab.Json(AllLinks).Resources("AWS::ApplicationAutoScaling::ScalingPolicy").Values.Select(Props)
            .Select(p => p.GetProperty("TargetTrackingScalingPolicyConfiguration").GetProperty("PredefinedMetricSpecification")
                .GetProperty("PredefinedMetricType").GetString()).Order();
        Assert.Equal(["ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization"], policies);
    }

    [Fact]
    public void AlbIsInternalAndOpenOnlyToVpcAAndTheAllowedCidrs()
    {
        foreach (var (variant, expected) in new[]
                 {
                     (AllLinks, new[] { "10.10.0.0/16" }),
                     (LabSynthFixture.ThreeAzsWithNat, new[] { "10.10.0.0/16", "203.0.113.0/24" }),
                 })
        {
            var t = lab.Json(variant);
            var alb = t.Resources("AWS::ElasticLoadBalancingV2::LoadBalancer").Values.Select(Props).Single(p => Str(p, "Type") == "application");
            Assert.Equal("internal", Str(alb, "Scheme"));
            var albSg = Target(alb.GetProperty("SecurityGroups")[0]);
            var cidrs = t.IngressRules().Where(r => r.Owner == albSg).Select(r => Str(r.Rule, "CidrIp")).Order();
            Assert.Equal(expected, cidrs);
        }
    }

    [Fact]
    public void CollectorAndRouterPermissionsAreOnTheTaskRoleNeverOnTheExecutionRole()
    {
        var t = lab.Json(AllLinks);
        var taskDef = Props(t.Resources("AWS::ECS::TaskDefinition").Values.Single());
        var taskRole = Target(taskDef.GetProperty("TaskRoleArn"));
        var executionRole = Target(taskDef.GetProperty("ExecutionRoleArn"));
        var policies = t.Resources("AWS::IAM::Policy").Values.Select(Props).ToList();

        string Actions(string role) => string.Join(" ", policies
            .Where(p => p.GetProperty("Roles").EnumerateArray().Any(r => Target(r) == role))
            .Select(p => p.GetProperty("PolicyDocument").GetRawText()));

        Assert.Contains("xray:PutTraceSegments", Actions(taskRole));
        Assert.Contains("logs:PutLogEvents", Actions(taskRole));
        Assert.DoesNotContain("xray:", Actions(executionRole));
    }
}
