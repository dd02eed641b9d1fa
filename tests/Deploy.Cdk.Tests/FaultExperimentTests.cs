using Amazon.CDK.Assertions;
using TracingLab.Contracts.Faults;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Faults;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>The AWS FIS experiment templates: per kind and platform by default, or an experiment file's timeline.</summary>
[Collection(SynthCollection.Name)]
public class FaultExperimentTests(LabSynthFixture lab)
{
    private const string AllLinks = "tgw,peering,privatelink";
    private const string Template = "AWS::FIS::ExperimentTemplate";

    [Fact]
    public void TheAllLinksSynthHoldsATemplatePerFaultKindPerPlatform()
    {
        var names = Templates(AllLinks).Keys.Order().ToList();

        Assert.Equal(
        [
            "tracinglab-ec2-bandwidth", "tracinglab-ec2-blackhole", "tracinglab-ec2-jitter", "tracinglab-ec2-latency", "tracinglab-ec2-loss",
            "tracinglab-ec2-reset", "tracinglab-ecs-blackhole", "tracinglab-ecs-jitter", "tracinglab-ecs-latency", "tracinglab-ecs-loss",
            "tracinglab-eks-blackhole", "tracinglab-eks-jitter", "tracinglab-eks-latency", "tracinglab-eks-loss",
            "tracinglab-network-blackhole-peering", "tracinglab-network-blackhole-privatelink", "tracinglab-network-blackhole-tgw",
        ], names);
    }

    [Theory]
    [InlineData("network-blackhole-tgw", "aws:network:disrupt-connectivity", "Subnets")]
    [InlineData("network-blackhole-privatelink", "aws:network:disrupt-vpc-endpoint", "VPCEndpoints")]
    [InlineData("ecs-latency", "aws:ecs:task-network-latency", "Tasks")]
    [InlineData("ecs-loss", "aws:ecs:task-network-packet-loss", "Tasks")]
    [InlineData("ecs-blackhole", "aws:ecs:task-network-blackhole-port", "Tasks")]
    [InlineData("eks-latency", "aws:eks:pod-network-latency", "Pods")]
    [InlineData("eks-loss", "aws:eks:pod-network-packet-loss", "Pods")]
    [InlineData("eks-blackhole", "aws:eks:pod-network-blackhole-port", "Pods")]
    [InlineData("ec2-latency", "aws:ssm:send-command", "Instances")]
    [InlineData("ec2-blackhole", "aws:ssm:send-command", "Instances")]
    [InlineData("ec2-reset", "aws:ssm:send-command", "Instances")]
    [InlineData("ec2-bandwidth", "aws:ssm:send-command", "Instances")]
    public void EachDefaultTemplateUsesTheFisActionForItsKind(string name, string actionId, string targetKey)
    {
        lab.FaultsTemplate(AllLinks).HasResourceProperties(Template, new Dictionary<string, object>
        {
            ["Tags"] = new Dictionary<string, object> { ["Name"] = $"tracinglab-{name}" },
            ["Actions"] = new Dictionary<string, object>
            {
                ["fault0"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ActionId"] = actionId,
                    ["Parameters"] = Match.ObjectLike(new Dictionary<string, object> { ["duration"] = "PT2M" }),
                    ["Targets"] = Match.ObjectLike(new Dictionary<string, object> { [targetKey] = Match.AnyValue() }),
                }),
            },
        });
    }

    [Fact]
    public void FargateActionsGoThroughTheEcsFaultInjectionEndpointsAndAimAtTheLinksNames()
    {
        var latency = Action(AllLinks, "ecs-latency", "fault0");
        var parameters = latency.GetProperty("Parameters");

        Assert.Equal("true", Str(parameters, "useEcsFaultInjectionEndpoints"));
        Assert.Equal("200", Str(parameters, "delayMilliseconds"));
        Assert.Contains("serviceb.tgw.tracinglab.internal", Str(parameters, "sources")!, StringComparison.Ordinal);
        Assert.Contains("servicec.privatelink.tracinglab.internal", Str(parameters, "sources")!, StringComparison.Ordinal);
        lab.Template(AllLinks).HasResourceProperties("AWS::ECS::TaskDefinition", new Dictionary<string, object>
        {
            ["PidMode"] = "task", ["EnableFaultInjection"] = true,
        });
    }

    [Fact]
    public void ServiceCRunsTheFisSsmDocumentsForTheFaultsLength()
    {
        var parameters = Action(AllLinks, "ec2-loss", "fault0").GetProperty("Parameters");

        Assert.EndsWith("::document/AWSFIS-Run-Network-Packet-Loss-Sources", Flatten(parameters.GetProperty("documentArn")), StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(Str(parameters, "documentParameters")!);
        Assert.Equal("5", Str(document.RootElement, "LossPercent"));
        Assert.Equal("120", Str(document.RootElement, "DurationSeconds"));
        // Through the links' NLBs C answers VPC C's own addresses (client IP preservation is off), so those come first.
        Assert.Equal("10.30.0.0/16,10.10.0.0/16,10.20.0.0/16", Str(document.RootElement, "Sources"));
    }

    [Theory]
    [InlineData("ec2-reset", "Reset", "Percent", "10")]
    [InlineData("ec2-bandwidth", "Bandwidth", "BitsPerSecond", "1000000")]
    public void ServiceCResetsAndCapsThroughTheLabsOwnDocuments(string name, string document, string key, string value)
    {
        var parameters = Action(AllLinks, name, "fault0").GetProperty("Parameters");
        var documents = lab.FaultsJson(AllLinks).Resources("AWS::SSM::Document");
        var logicalId = Assert.Single(documents.Keys, k => k.Contains("ServiceCDocuments" + document, StringComparison.Ordinal));

        // The lab's own document in this account: arn:...:ssm:<region>:<account>:document/<its name, the Ref>.
        var arn = parameters.GetProperty("documentArn");
        Assert.Contains(":document/", Flatten(arn), StringComparison.Ordinal);
        Assert.Contains(logicalId, arn.GetRawText(), StringComparison.Ordinal);
        using var sent = System.Text.Json.JsonDocument.Parse(Str(parameters, "documentParameters")!);
        Assert.Equal(value, Str(sent.RootElement, key));
        Assert.Equal("120", Str(sent.RootElement, "DurationSeconds"));
        Assert.Equal("8080", Str(sent.RootElement, "Port"));
        Assert.Equal("True", Str(sent.RootElement, "InstallDependencies"));
        // The links' NLBs forward without the client's address: C sees its own VPC's addresses, then A's and B's.
        Assert.Equal("10.30.0.0/16,10.10.0.0/16,10.20.0.0/16", Str(sent.RootElement, "Sources"));
    }

    [Fact]
    public void WithLatticeServiceCsResetAlsoAimsAtLatticesLinkLocalRange()
    {
        var targets = lab.Stacks[LabSynthFixture.Overlapping].Faults.Experiments.Targets;

        // All three VPCs share 10.0.0.0/16 there: listed once.
        Assert.Equal(["10.0.0.0/16", TracingLab.Deploy.Network.LatticeLink.Ipv4Cidr], targets.Ec2PeerCidrs);
    }

    [Theory]
    [InlineData("Reset", "Percent", "nftables", "nft delete table inet tracinglab_fis_reset", "reject with tcp reset")]
    [InlineData("Bandwidth", "BitsPerSecond", "iproute-tc", "tc qdisc del dev \"$IFACE\" root", "htb rate ${RATE}bit ceil ${RATE}bit")]
    public void TheDocumentsTakeTheirParametersAndAlwaysRollBack(string document, string rate, string package, string rollback, string fault)
    {
        var props = Props(lab.FaultsJson(AllLinks).Resources("AWS::SSM::Document")
            .Single(d => d.Key.Contains("ServiceCDocuments" + document, StringComparison.Ordinal)).Value);
        Assert.Equal("Command", Str(props, "DocumentType"));
        var content = props.GetProperty("Content");
        Assert.Equal("2.2", Str(content, "schemaVersion"));
        Assert.Equal(
            new[] { "DurationSeconds", "InstallDependencies", "Port", rate, "Sources" }.Order(StringComparer.Ordinal),
            content.GetProperty("parameters").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(content.GetProperty("parameters").EnumerateObject().Where(p => p.Name != "InstallDependencies"),
            p => Assert.StartsWith("^", Str(p.Value, "allowedPattern"), StringComparison.Ordinal));
        var step = Assert.Single(content.GetProperty("mainSteps").EnumerateArray());
        Assert.Equal("aws:runShellScript", Str(step, "action"));
        var script = step.GetProperty("inputs").GetProperty("runCommand").EnumerateArray().Select(l => l.GetString()!).ToList();

        Assert.Contains(script, l => l.Contains($"install -y {package}", StringComparison.Ordinal));
        Assert.Contains(script, l => l.Contains(fault, StringComparison.Ordinal));
        // Rolled back on exit and on cancel (trap), and by a timer if the script is killed outright.
        var trap = script.FindIndex(l => l == "trap rollback EXIT");
        Assert.True(trap >= 0 && trap < script.FindIndex(l => l.Contains(fault, StringComparison.Ordinal)), "the rollback is armed before the fault");
        Assert.Contains(script, l => l.StartsWith("rollback() {", StringComparison.Ordinal) && l.Contains(rollback, StringComparison.Ordinal));
        Assert.Contains(script, l => l.StartsWith("systemd-run", StringComparison.Ordinal) && l.Contains("$((DURATION + 60))", StringComparison.Ordinal));
        Assert.Contains("trap 'exit 143' TERM INT", script);
        Assert.Equal("sleep \"$DURATION\" & wait $!", script[^1]);
    }

    [Theory]
    [InlineData("Reset", "Percent", "10")]
    [InlineData("Reset", "Percent", "100")]
    [InlineData("Bandwidth", "BitsPerSecond", "1000000")]
    [InlineData("Bandwidth", "Sources", "10.30.0.0/16,10.10.0.0/16")]
    [InlineData("Bandwidth", "Port", "8080")]
    [InlineData("Reset", "DurationSeconds", "120")]
    public void TheDocumentsPatternsAdmitWhatTheTemplatesSend(string document, string parameter, string value)
    {
        Assert.Matches(Pattern(document, parameter), value);
    }

    [Theory]
    [InlineData("Reset", "Percent", "0")]
    [InlineData("Reset", "Percent", "101")]
    [InlineData("Reset", "Sources", "10.0.0.0/8; reboot")]
    [InlineData("Bandwidth", "BitsPerSecond", "1Mbit")]
    [InlineData("Bandwidth", "Port", "8080 $(id)")]
    [InlineData("Bandwidth", "DurationSeconds", "0")]
    public void TheDocumentsPatternsRefuseWhatCouldBreakOutOfTheScript(string document, string parameter, string value)
    {
        Assert.DoesNotMatch(Pattern(document, parameter), value);
    }

    [Fact]
    public void ResetAfterBytesAndTheNewKindsOffServiceCAreRefusedNamingWhatIsAllowed()
    {
        var targets = lab.Stacks[AllLinks].Faults.Experiments.Targets;

        var after = Assert.Throws<ArgumentException>(() =>
            FisActionPlan.ForWorkload(FaultPlatform.Ec2, new ResetFault(null, 65536), "PT1M", "10.0.0.0/16", targets));
        var onEcs = Assert.Throws<ArgumentException>(() =>
            FisActionPlan.ForWorkload(FaultPlatform.Ecs, new BandwidthFault(1_000_000), "PT1M", "x", targets));

        Assert.Contains("reset:after=64KiB", after.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: reset:<percent>", after.Message, StringComparison.Ordinal);
        Assert.Contains("no Ecs action for bandwidth", onEcs.Message, StringComparison.Ordinal);
        Assert.Contains("on Ec2 (service C) also reset, bandwidth", onEcs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFisRoleMaySendTheLabsDocumentsByArnOnly()
    {
        var t = lab.FaultsJson(AllLinks);
        var documents = t.Resources("AWS::SSM::Document").Keys.ToList();
        var policy = Props(Assert.Single(t.Resources("AWS::IAM::Policy"), p => p.Key.Contains("Role", StringComparison.Ordinal)).Value);
        var sends = policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
            .Where(s => Flatten(s.GetProperty("Action")) == "ssm:SendCommand").ToList();
        var byDocument = Assert.Single(sends, s => s.GetProperty("Resource").GetRawText().Contains(":document/", StringComparison.Ordinal));
        var resources = byDocument.GetProperty("Resource").EnumerateArray().ToList();

        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Single(resources, r => Target(r.GetProperty("Fn::Join")[1].EnumerateArray().Last()) == d));
        Assert.DoesNotContain(resources, r => Flatten(r).EndsWith('*'));
    }

    [Theory]
    [InlineData(AllLinks)]
    [InlineData("none")]
    [InlineData(LabSynthFixture.MixedExperiment)]
    public void EveryTemplateStopsOnTheLabsSloAlarmsAndRunsAsTheFisRole(string variant)
    {
        var t = lab.FaultsJson(variant);
        var role = Assert.Single(t.Resources("AWS::IAM::Role"), r => Flatten(Props(r.Value).GetProperty("AssumeRolePolicyDocument")).Contains("fis.amazonaws.com", StringComparison.Ordinal)).Key;

        var templates = Templates(variant);
        Assert.NotEmpty(templates);
        Assert.All(templates.Values, template =>
        {
            var stops = template.GetProperty("StopConditions").EnumerateArray().ToList();
            Assert.All(stops, s => Assert.Equal("aws:cloudwatch:alarm", Str(s, "Source")));
            // The alarms live in the lab's stack and reach the nested stack as parameters named after them.
            var values = stops.Select(s => Flatten(s.GetProperty("Value"))).ToList();
            Assert.Equal(2, values.Count);
            Assert.Single(values, v => v.Contains("AvailabilitySlo", StringComparison.Ordinal));
            Assert.Single(values, v => v.Contains("LatencySlo", StringComparison.Ordinal));
            Assert.Equal(role, Target(template.GetProperty("RoleArn")));
        });
    }

    [Fact]
    public void TheFisRoleIsAssumableByThisAccountsExperimentsOnlyAndScopesWhatFisCreates()
    {
        var t = lab.FaultsTemplate(AllLinks);
        t.HasResourceProperties("AWS::IAM::Role", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Principal"] = new Dictionary<string, object> { ["Service"] = "fis.amazonaws.com" },
                    ["Condition"] = Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["StringEquals"] = Match.ObjectLike(new Dictionary<string, object> { ["aws:SourceAccount"] = Match.AnyValue() }),
                    }),
                })]),
            }),
        }));
        t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                // ArrayWith keeps order: the statements are listed as the policy holds them.
                ["Statement"] = Match.ArrayWith(
                [
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Action"] = "ssm:SendCommand",
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["StringEquals"] = new Dictionary<string, object> { ["aws:ResourceTag/tracinglab:fault-target"] = "servicec" },
                        },
                    }),
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Action"] = new[] { "ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl" },
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["StringEquals"] = new Dictionary<string, object> { ["aws:ResourceTag/managedByFIS"] = "true" },
                        },
                    }),
                ]),
            }),
        }));
        t.HasResourceProperties("AWS::EKS::AccessEntry", new Dictionary<string, object>
        {
            ["Username"] = LabFaultExperiments.KubernetesIdentity, ["Type"] = "STANDARD",
        });
    }

    [Fact]
    public void AnExperimentFileBecomesOneTemplateWithItsTimeline()
    {
        var template = Assert.Single(Templates(LabSynthFixture.MixedExperiment)).Value;
        var actions = template.GetProperty("Actions").EnumerateObject().ToDictionary(a => a.Name, a => a.Value);

        Assert.Equal(["fault0", "fault1", "fault2", "fault3", "fault4", "wait120s", "wait60s"], actions.Keys.Order());
        Assert.Equal("PT1M", Str(actions["wait60s"].GetProperty("Parameters"), "duration"));
        Assert.Equal("aws:ecs:task-network-latency", Str(actions["fault0"], "ActionId"));
        Assert.Equal("aws:eks:pod-network-latency", Str(actions["fault1"], "ActionId"));
        Assert.Equal("50", Str(actions["fault1"].GetProperty("Parameters"), "jitterMilliseconds"));
        Assert.False(actions["fault0"].TryGetProperty("StartAfter", out _));
        Assert.Equal("aws:ecs:task-network-packet-loss", Str(actions["fault2"], "ActionId"));
        Assert.Equal(["wait60s"], actions["fault2"].GetProperty("StartAfter").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("aws:network:disrupt-connectivity", Str(actions["fault4"], "ActionId"));
        Assert.Equal("PT1M", Str(actions["fault4"].GetProperty("Parameters"), "duration"));
        Assert.Equal(["wait120s"], actions["fault4"].GetProperty("StartAfter").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(4, template.GetProperty("Targets").GetProperty("SubnetsTgw").GetProperty("ResourceArns").GetArrayLength());
    }

    [Theory]
    [InlineData("""{ "link": "tgw", "kind": "reset", "duration": "1m", "parameters": { "rate": "10%" } }""", "AWS FIS has no action for reset; allowed in AWS: latency, jitter, loss, blackhole")]
    [InlineData("""{ "link": "tgw", "kind": "bandwidth", "duration": "1m", "parameters": { "rate": "1Mbit" } }""", "AWS FIS has no action for bandwidth")]
    [InlineData("""{ "link": "tgw", "kind": "blackhole", "duration": "30s" }""", "duration 30s is not one FIS takes; allowed: whole seconds from 1m to 12h")]
    [InlineData("""{ "link": "tgw", "kind": "blackhole", "start": "10s", "duration": "1m" }""", "start 10s is not one FIS can wait for")]
    [InlineData("""{ "link": "privatelink", "kind": "blackhole", "duration": "1m" }""", "link 'privatelink' is not deployed; allowed: tgw, peering")]
    public void AnExperimentFisCannotRunIsRefusedAtSynthesis(string fault, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"experiment-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, $$"""{ "name": "x", "faults": [ {{fault}} ] }""");
        try
        {
            var error = Assert.Throws<LabContextException>(() =>
                ExperimentContext.Read(k => k == ExperimentContext.ExperimentKey ? file : null, [LinkKind.Tgw, LinkKind.Peering]));

            Assert.Contains(error.Errors, e => e.Contains(expected, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ABadExperimentFileIsRefusedWithTheParsersErrors()
    {
        var error = Assert.Throws<LabContextException>(() =>
            ExperimentContext.Read(k => k == ExperimentContext.ExperimentKey ? "/no/such/experiment.json" : null, [LinkKind.Tgw]));

        Assert.StartsWith("'experiment': experiment file '/no/such/experiment.json' cannot be read", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.Null(ExperimentContext.Read(_ => null, [LinkKind.Tgw]));
    }

    [Theory]
    [InlineData(60, "PT1M")]
    [InlineData(90, "PT1M30S")]
    [InlineData(3600, "PT1H")]
    [InlineData(3725, "PT1H2M5S")]
    public void FisDurationsAreIso8601(int seconds, string iso)
    {
        Assert.Equal(iso, FisDuration.Iso(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void JitterBecomesNetemDelayAroundItsMiddle()
    {
        var targets = lab.Stacks[AllLinks].Faults.Experiments.Targets;

        var action = FisActionPlan.ForWorkload(FaultPlatform.Eks, new JitterFault(TimeSpan.FromMilliseconds(30)), "PT1M", "x", targets);

        Assert.Equal("15", action.Parameters["delayMilliseconds"]);
        Assert.Equal("15", action.Parameters["jitterMilliseconds"]);
        Assert.Equal(LabFaultExperiments.KubernetesIdentity, action.Parameters["kubernetesServiceAccount"]);
        Assert.Throws<ArgumentException>(() =>
            FisActionPlan.ForWorkload(FaultPlatform.Ecs, new ResetFault(10, null), "PT1M", "x", targets));
    }

    private static string Pattern(string document, string parameter)
    {
        var content = document == "Reset" ? ServiceCFaultDocuments.ResetContent() : ServiceCFaultDocuments.BandwidthContent();
        var parameters = (Dictionary<string, object>)content["parameters"];
        return (string)((Dictionary<string, object>)parameters[parameter])["allowedPattern"];
    }

    private Dictionary<string, System.Text.Json.JsonElement> Templates(string variant) =>
        lab.FaultsJson(variant).Resources(Template).Values.Select(Props)
            .ToDictionary(p => Str(p.GetProperty("Tags"), "Name")!);

    private System.Text.Json.JsonElement Action(string variant, string name, string action) =>
        Templates(variant)[$"tracinglab-{name}"].GetProperty("Actions").GetProperty(action);
}
