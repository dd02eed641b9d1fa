using TracingLab.Deploy.Configuration;
using Amazon.CDK.Assertions;
using TracingLab.Deploy.Workloads;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>Service C on EC2: launch template, IMDSv2, no SSH, the boot script, NLB registration.</summary>
[Collection(SynthCollection.Name)]
public class Ec2WorkloadTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";

    private System.Text.Json.JsonElement ServiceCTemplateData(string variant) =>
        lab.Json(variant).Resources("AWS::EC2::LaunchTemplate")
            .Single(kv => kv.Key.StartsWith("ServiceCTemplate", StringComparison.Ordinal)).Value
            .GetProperty("Properties").GetProperty("LaunchTemplateData");

    [Fact]
    public void InstancesRequireImdsV2HaveNoSshKeyAndRunAmazonLinux2023()
    {
        var data = ServiceCTemplateData(AllLinks);
        Assert.Equal("required", data.GetProperty("MetadataOptions").GetProperty("HttpTokens").GetString());
        Assert.False(data.TryGetProperty("KeyName", out _), "service C instances must not have an SSH key");
        Assert.Equal("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", Flatten(data.GetProperty("ImageId")));
        Assert.True(data.GetProperty("BlockDeviceMappings")[0].GetProperty("Ebs").GetProperty("Encrypted").GetBoolean());

        var t = lab.Json(AllLinks);
        var profile = Props(t.AllResources()[Target(data.GetProperty("IamInstanceProfile").GetProperty("Arn"))]);
        var role = Props(t.AllResources()[Target(profile.GetProperty("Roles")[0])]);
        Assert.Contains("AmazonSSMManagedInstanceCore", role.GetProperty("ManagedPolicyArns").GetRawText());
    }

    [Fact]
    public void UserDataInstallsTheAppTheCollectorAndTheLogAgentInOrder()
    {
        var script = Flatten(ServiceCTemplateData(AllLinks).GetProperty("UserData"));
        string[] steps =
        [
            "dnf install -y amazon-cloudwatch-agent unzip aws-cfn-bootstrap",
            "aws s3 cp 's3://",
            "unzip -o /tmp/servicec.zip -d /opt/servicec",
            "cat > /etc/systemd/system/servicec.service",
            "ExecStart=/opt/servicec/TracingLab.ServiceC.Ec2",
            "unzip -o /tmp/adot.zip -d /tmp/adot",
            "rpm --import /tmp/adot/aws-otel-collector.gpg",
            "rpm --checksig /tmp/adot/aws-otel-collector.rpm",
            "rpm -Uvh /tmp/adot/aws-otel-collector.rpm",
            "cat > /opt/aws/aws-otel-collector/etc/config.yaml",
            "aws-otel-collector-ctl -a start -c /opt/aws/aws-otel-collector/etc/config.yaml",
            "amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s",
            "systemctl enable --now servicec",
        ];
        var last = -1;
        foreach (var step in steps)
        {
            var at = script.IndexOf(step, StringComparison.Ordinal);
            Assert.True(at > last, $"step '{step}' missing or out of order in:\n{script}");
            last = at;
        }

        Assert.Contains("Environment=\"OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4317\"", script);
        Assert.Contains("Environment=\"OTEL_SERVICE_NAME=servicec\"", script);
        Assert.Contains("StandardError=append:/var/log/servicec/errors.log", script);
    }

    [Fact]
    public void CollectorAndAgentConfigsInTheUserDataParse()
    {
        var script = Flatten(ServiceCTemplateData(AllLinks).GetProperty("UserData"));
        var yaml = Between(script, "cat > /opt/aws/aws-otel-collector/etc/config.yaml <<'OTEL'\n", "OTEL\n");
        var config = YamlFacts.Parse(yaml);
        Assert.Equal(["env", "ec2"], YamlFacts.Strings(config, "processors", "resourcedetection", "detectors"));
        Assert.Equal(["otlp_http"], YamlFacts.Strings(config, "service", "pipelines", "traces", "exporters"));

        var agent = System.Text.Json.JsonDocument.Parse(Between(script, "<<'CWA'\n", "\nCWA")).RootElement;
        var streams = agent.GetProperty("logs").GetProperty("logs_collected").GetProperty("files").GetProperty("collect_list")
            .EnumerateArray().Select(f => f.GetProperty("log_stream_name").GetString()).ToList();
        Assert.Equal(["app/{instance_id}", "errors/{instance_id}"], streams);
    }

    [Theory]
    [MemberData(nameof(LinkTests.Combinations), MemberType = typeof(LinkTests))]
    public void GroupKeepsOneInstanceAndRegistersInEveryEnabledLinksNlb(string c)
    {
        var t = lab.Json(c);
        var asg = Props(t.Resources("AWS::AutoScaling::AutoScalingGroup").Values.Single());
        Assert.Equal("1", Str(asg, "MinSize"));
        Assert.Equal("ELB", Str(asg, "HealthCheckType"));
        var groups = asg.TryGetProperty("TargetGroupARNs", out var arns) ? arns.EnumerateArray().Select(Target).ToList() : [];
        var names = groups.Select(g => Str(Props(t.AllResources()[g]), "Name")).Order();
        Assert.Equal(lab.Settings(c).Links.Where(l => l.HasProviderNlb()).Select(l => $"tl-servicec-{l.Name()}").Order(), names);
        // Lattice has no NLB: the group registers its instances in C's Lattice target group instead.
        var lattice = asg.TryGetProperty("TrafficSources", out var sources) ? sources.GetArrayLength() : 0;
        Assert.Equal(lab.Settings(c).Has(Configuration.LinkKind.Lattice) ? 1 : 0, lattice);
        Assert.True(asg.TryGetProperty("NotificationConfigurations", out _), "Auto Scaling events go to the alarm topic");
    }

    [Fact]
    public void AssetHashChangesWhenTheAppSourceChangesAndIgnoresBuildOutput()
    {
        var root = Directory.CreateTempSubdirectory("tracinglab-hash-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "App", "obj"));
            File.WriteAllText(Path.Combine(root, "App", "Program.cs"), "one");
            var first = DotnetPublishBundling.SourceHash(root, "App");
            File.WriteAllText(Path.Combine(root, "App", "obj", "noise.cs"), "build output");
            Assert.Equal(first, DotnetPublishBundling.SourceHash(root, "App"));
            File.WriteAllText(Path.Combine(root, "App", "Program.cs"), "two");
            Assert.NotEqual(first, DotnetPublishBundling.SourceHash(root, "App"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"'{end}' not found after '{start}'");
        return text[from..to];
    }
}
