using System.Text.Json;
using System.Text.RegularExpressions;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Kubernetes;
using TracingLab.Deploy.Observability;
using TracingLab.Deploy.Workloads;
using static TracingLab.Deploy.Tests.LabTemplate;

namespace TracingLab.Deploy.Tests;

/// <summary>
/// <c>-c traceExport</c> through synthesis: every platform's collector config (ECS SSM parameter, EKS ConfigMap,
/// EC2 user data) for each value, Transaction Search only with otlp, and every component and key valid for the pinned
/// ADOT release.
/// </summary>
[Collection(SynthCollection.Name)]
public partial class TraceExportTests(LabSynthFixture lab)
{
    private const string Default = "tgw,peering,privatelink";

    /// <summary>
    /// Component types ADOT v0.49.0 registers that the lab's configs use (aws-otel-collector
    /// pkg/defaultcomponents/defaults.go at v0.49.0: sigv4authextension.NewFactory, healthcheckextension,
    /// otlpreceiver, resourcedetectionprocessor, attributesprocessor, batchprocessor, otlphttpexporter,
    /// awsxrayexporter, awsemfexporter, debugexporter). otlphttpexporter's type is <c>otlp_http</c> at collector
    /// v0.156.0 (vendor/go.opentelemetry.io/collector/exporter/otlphttpexporter/internal/metadata/generated_status.go).
    /// </summary>
    private static readonly Dictionary<string, string[]> Components = new()
    {
        ["extensions"] = ["health_check", "sigv4auth"],
        ["receivers"] = ["otlp"],
        ["processors"] = ["resourcedetection", "attributes", "batch"],
        ["exporters"] = ["otlp_http", "awsxray", "awsemf", "debug"],
    };

    /// <summary>
    /// Keys of the vendored config structs at ADOT v0.49.0: sigv4authextension/config.go (Config: region, service,
    /// assume_role) and otlphttpexporter/config.go (traces_endpoint, metrics_endpoint, logs_endpoint, encoding,
    /// sending_queue, retry_on_failure) with confighttp/client.go squashed in (endpoint, tls, timeout, headers, auth,
    /// compression, ...) and configauth/configauth.go (authenticator).
    /// </summary>
    private static readonly string[] SigV4Keys = ["region", "service", "assume_role"];

    private static readonly string[] OtlpHttpKeys =
    [
        "traces_endpoint", "metrics_endpoint", "logs_endpoint", "profiles_endpoint", "encoding", "sending_queue", "retry_on_failure",
        "endpoint", "proxy_url", "tls", "read_buffer_size", "write_buffer_size", "timeout", "headers", "auth", "compression",
        "compression_params", "max_idle_conns", "max_idle_conns_per_host", "max_conns_per_host", "idle_conn_timeout", "disable_keep_alives",
        "http2_read_idle_timeout", "http2_ping_timeout", "cookies", "force_attempt_http2", "middlewares",
    ];

    private static readonly string[] AuthKeys = ["authenticator"];

    /// <summary>The three collector configs of a variant, by platform.</summary>
    private Dictionary<string, Dictionary<object, object>> Configs(string variant)
    {
        var t = lab.Json(variant);
        var ecs = t.Resources("AWS::SSM::Parameter").Values.Select(Props).Single(p => Str(p, "Name") == "/tracinglab/adot/servicea");

        var script = Flatten(t.Resources("AWS::EC2::LaunchTemplate")
            .Single(kv => kv.Key.StartsWith("ServiceCTemplate", StringComparison.Ordinal)).Value
            .GetProperty("Properties").GetProperty("LaunchTemplateData").GetProperty("UserData"));
        const string start = "cat > /opt/aws/aws-otel-collector/etc/config.yaml <<'OTEL'\n";
        var from = script.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var ec2 = script[from..script.IndexOf("OTEL\n", from, StringComparison.Ordinal)];

        // The ConfigMap as kubectl applies it: written the way Program.cs writes it, then read back.
        var dir = Path.Combine(lab.OutDir, "k8s-trace-" + LabSynthFixture.StackName(variant));
        var docs = ServiceBManifests.Write(dir, lab.Stacks[variant].ServiceB.ManifestProps)
            .SelectMany(f => DocumentSeparator().Split(File.ReadAllText(f)))
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(YamlFacts.Parse)
            .ToList();
        var configMap = docs.Single(d => (string)d["kind"] == "ConfigMap" && (string)YamlFacts.At(d, "metadata", "name") == "adot-collector-config");

        return new()
        {
            ["ECS"] = YamlFacts.Parse(Str(ecs, "Value")!),
            ["EKS"] = YamlFacts.Parse((string)YamlFacts.At(configMap, "data", "config.yaml")),
            ["EC2"] = YamlFacts.Parse(ec2),
        };
    }

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    private static IEnumerable<string> Keys(object node) => ((Dictionary<object, object>)node).Keys.Select(k => k.ToString()!);

    [Fact]
    public void DefaultSynthSendsTracesFromEveryPlatformWithOtlpHttpAndSigV4ToTheRegionalXRayOtlpEndpoint()
    {
        Assert.Equal(TraceExport.Otlp, lab.Settings(Default).TraceExport);
        foreach (var (platform, config) in Configs(Default))
        {
            Assert.True(YamlFacts.Strings(config, "service", "pipelines", "traces", "exporters").SequenceEqual(["otlp_http"]), platform);
            Assert.Equal("https://xray.us-east-1.amazonaws.com/v1/traces", YamlFacts.At(config, "exporters", "otlp_http", "traces_endpoint"));
            Assert.Equal("sigv4auth", YamlFacts.At(config, "exporters", "otlp_http", "auth", "authenticator"));
            Assert.Equal("gzip", YamlFacts.At(config, "exporters", "otlp_http", "compression"));
            Assert.Equal("us-east-1", YamlFacts.At(config, "extensions", "sigv4auth", "region"));
            Assert.Equal("xray", YamlFacts.At(config, "extensions", "sigv4auth", "service"));
            Assert.Contains("sigv4auth", YamlFacts.Strings(config, "service", "extensions"));
            Assert.False(((Dictionary<object, object>)YamlFacts.At(config, "exporters")).ContainsKey("awsxray"), $"{platform}: awsxray left in");

            // Spans leave as sent (no annotation rename); metrics and logs are as on the awsxray path.
            Assert.Equal(["resourcedetection", "batch"], YamlFacts.Strings(config, "service", "pipelines", "traces", "processors"));
            Assert.Equal(["awsemf"], YamlFacts.Strings(config, "service", "pipelines", "metrics", "exporters"));
            Assert.Equal(["debug"], YamlFacts.Strings(config, "service", "pipelines", "logs", "exporters"));
        }
    }

    [Fact]
    public void AwsXRayVariantKeepsTheAwsXRayExporterOnEveryPlatform()
    {
        Assert.Equal(TraceExport.AwsXRay, lab.Settings(LabSynthFixture.AwsXRay).TraceExport);
        foreach (var (platform, config) in Configs(LabSynthFixture.AwsXRay))
        {
            Assert.True(YamlFacts.Strings(config, "service", "pipelines", "traces", "exporters").SequenceEqual(["awsxray"]), platform);
            Assert.Equal("us-east-1", YamlFacts.At(config, "exporters", "awsxray", "region"));
            Assert.Equal(["lab_link", "lab_hop"], YamlFacts.Strings(config, "exporters", "awsxray", "indexed_attributes"));
            Assert.Equal(["health_check"], YamlFacts.Strings(config, "service", "extensions"));
            Assert.False(((Dictionary<object, object>)YamlFacts.At(config, "exporters")).ContainsKey("otlp_http"), $"{platform}: otlp_http left in");
        }
    }

    [Theory]
    [InlineData(Default)]
    [InlineData(LabSynthFixture.AwsXRay)]
    public void EveryComponentAndKeyExistsInThePinnedAdotRelease(string variant)
    {
        Assert.Equal("v0.49.0", LabImages.AdotVersion);
        foreach (var (platform, config) in Configs(variant))
        {
            foreach (var (kind, allowed) in Components)
            {
                foreach (var id in Keys(YamlFacts.At(config, kind)))
                {
                    // A component id is type[/name].
                    Assert.True(allowed.Contains(id.Split('/')[0]), $"{platform}: {kind} '{id}' is not in ADOT v0.49.0's defaults");
                }
            }

            var exporters = (Dictionary<object, object>)YamlFacts.At(config, "exporters");
            if (exporters.ContainsKey("otlp_http"))
            {
                Assert.All(Keys(exporters["otlp_http"]), k => Assert.Contains(k, OtlpHttpKeys));
                Assert.All(Keys(YamlFacts.At(config, "exporters", "otlp_http", "auth")), k => Assert.Contains(k, AuthKeys));
                Assert.All(Keys(YamlFacts.At(config, "extensions", "sigv4auth")), k => Assert.Contains(k, SigV4Keys));
            }

            // Every extension is configured and started, every pipeline component configured.
            Assert.Equal(Keys(YamlFacts.At(config, "extensions")).Order(), YamlFacts.Strings(config, "service", "extensions").Order());
            foreach (var pipeline in Keys(YamlFacts.At(config, "service", "pipelines")))
            {
                foreach (var kind in new[] { "receivers", "processors", "exporters" })
                {
                    Assert.All(YamlFacts.Strings(config, "service", "pipelines", pipeline, kind),
                        id => Assert.Contains(id, Keys(YamlFacts.At(config, kind))));
                }
            }
        }
    }

    [Fact]
    public void DefaultSynthTurnsOnTransactionSearchAfterTheSpansLogsPolicy()
    {
        var t = lab.Json(Default);
        var (configId, config) = t.Resources(TransactionSearch.ConfigType).Single();
        Assert.Equal(1, Props(config).GetProperty("IndexingPercentage").GetDouble());

        var (policyId, policy) = t.Resources("AWS::Logs::ResourcePolicy").Single();
        Assert.Contains(policyId, config.GetProperty("DependsOn").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(TransactionSearch.PolicyName, Str(Props(policy), "PolicyName"));

        var document = Flatten(Props(policy).GetProperty("PolicyDocument"));
        using var parsed = JsonDocument.Parse(document);
        var statement = parsed.RootElement.GetProperty("Statement").EnumerateArray().Single();
        Assert.Equal("xray.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("logs:PutLogEvents", statement.GetProperty("Action").GetString());
        var resources = statement.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(resources, r => r.EndsWith(":log-group:aws/spans:*", StringComparison.Ordinal));
        Assert.Contains(resources, r => r.EndsWith(":log-group:/aws/application-signals/data:*", StringComparison.Ordinal));
        Assert.True(statement.GetProperty("Condition").TryGetProperty("ArnLike", out _), configId);
        Assert.True(statement.GetProperty("Condition").TryGetProperty("StringEquals", out _));
    }

    [Fact]
    public void AwsXRayVariantHasNoTransactionSearchResources()
    {
        var t = lab.Json(LabSynthFixture.AwsXRay);
        Assert.Empty(t.Resources(TransactionSearch.ConfigType));
        Assert.Empty(t.Resources("AWS::Logs::ResourcePolicy"));
    }

    [Fact]
    public void IndexPercentFromContextReachesTheTemplate()
    {
        Assert.Equal(25, lab.Json(LabSynthFixture.ThreeAzsWithNat).Resources(TransactionSearch.ConfigType).Values
            .Single().GetProperty("Properties").GetProperty("IndexingPercentage").GetDouble());
    }
}
