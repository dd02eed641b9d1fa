using TracingLab.Deploy.Configuration;
using TracingLab.XRay.Settings;
using YamlDotNet.Serialization;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// The ADOT collector configuration. Traces: with <see cref="TraceExport.Otlp"/>, otlp → resourcedetection → batch →
/// <c>otlp_http</c> signed by the <c>sigv4auth</c> extension to the X-Ray OTLP endpoint; with
/// <see cref="TraceExport.AwsXRay"/>, otlp → resourcedetection → attributes → batch → awsxray, where the lab's span
/// attributes <c>lab.link</c> and <c>lab.hop</c> become the X-Ray annotations <c>lab_link</c> and <c>lab_hop</c> that
/// the per-link groups filter on. Metrics: awsemf. Logs: accepted and dropped.
/// </summary>
/// <remarks>
/// The awsxray exporter keeps dots in annotation keys while its feature gate <c>exporter.xray.allowDot</c> is on (beta,
/// on by default since v0.97.0), so indexing <c>lab.link</c> would give X-Ray <c>lab.link</c>, not <c>lab_link</c>.
/// Rather than rely on a gate each platform sets differently (container command, pod args, the EC2 ctl script), the
/// attributes processor renames the two attributes before the exporter sees them: the keys are the same whatever the
/// gate says. Both lists come from <see cref="XRayExporterSettings.Lab"/>, which the local X-Ray view uses too.
/// </remarks>
public static class CollectorConfig
{
    /// <summary>The exporter settings, shared with the local X-Ray view (XRay/Settings/lab-xray-exporter.json).</summary>
    private static XRayExporterSettings XRay => XRayExporterSettings.Lab;

    /// <summary>The attributes indexed as X-Ray annotations, as the collector hands them to the exporter.</summary>
    public static IReadOnlyList<string> AnnotationKeys => XRay.IndexedAttributes;

    private const string RenameProcessor = "attributes/xray_annotation_keys";

    /// <summary>Port of the health_check extension.</summary>
    public const int HealthPort = 13133;

    /// <summary>Environment variable holding the pod IP on EKS (downward API), where health_check binds.</summary>
    public const string PodIpVariable = "MY_POD_IP";

    /// <summary>Namespace of the EMF metrics.</summary>
    public const string MetricsNamespace = "TracingLab";

    /// <summary>
    /// The otlphttpexporter's component type in the pinned ADOT release: collector v0.156.0 registers it as
    /// <c>otlp_http</c>, with <c>otlphttp</c> a deprecated alias that logs a warning (aws-otel-collector v0.49.0,
    /// vendor/go.opentelemetry.io/collector/exporter/otlphttpexporter/internal/metadata/generated_status.go).
    /// ADOT's X-Ray page names <c>otlp_http</c> too.
    /// </summary>
    public const string OtlpHttpExporter = "otlp_http";

    /// <summary>The SigV4 authenticator extension (contrib sigv4authextension, in ADOT v0.49.0's defaults.go).</summary>
    public const string SigV4Extension = "sigv4auth";

    /// <summary>SigV4 signing name of the X-Ray OTLP endpoint.</summary>
    public const string XRaySigningService = "xray";

    /// <summary>
    /// The X-Ray OTLP traces endpoint of a region (CloudWatch docs, "OTLP endpoints": <c>https://xray.{region}.amazonaws.com/v1/traces</c>;
    /// HTTP only, protobuf or JSON, gzip or none).
    /// </summary>
    public static string XRayOtlpTracesEndpoint(string region) => $"https://xray.{region}.amazonaws.com/v1/traces";

    /// <summary>The YAML for one platform.</summary>
    /// <param name="platform">Decides the resource detector.</param>
    /// <param name="region">Region for the exporters.</param>
    /// <param name="metricsLogGroup">Log group the EMF exporter writes to.</param>
    /// <param name="traceExport">How traces leave the collector.</param>
    public static string Yaml(CollectorPlatform platform, string region, string metricsLogGroup, TraceExport traceExport)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        // ecs reads the task metadata endpoint and ec2 the host's IMDS, both reachable where they run. On EKS the eks
        // detector cannot reach IMDS from a pod (hop limit 1) and falls back to the Kubernetes and EC2 APIs (node name,
        // RBAC on nodes, ec2:DescribeInstances), and a failing detector stops the collector from starting; the
        // manifests set the same attributes (cloud.platform=aws_eks, k8s.cluster.name) for the env detector instead.
        string[] detectors = platform switch
        {
            CollectorPlatform.Ecs => ["env", "ecs"],
            CollectorPlatform.Eks => ["env"],
            CollectorPlatform.Ec2 => ["env", "ec2"],
            _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform."),
        };

        // health_check listens on localhost by default (ADOT v0.40+); the kubelet probes the pod IP, so on EKS it
        // binds there. The ECS health check and the EC2 host use the image's /healthcheck or localhost.
        var health = platform == CollectorPlatform.Eks ? "${env:" + PodIpVariable + "}:" + HealthPort : "localhost:" + HealthPort;
        string[] processors = ["resourcedetection", "batch"];
        var otlp = traceExport == TraceExport.Otlp;

        // The rename only serves the awsxray exporter's annotations. Over OTLP the spans leave as the SDK sent them, so
        // what aws/spans stores matches the lab's local "OTLP endpoint" view attribute for attribute.
        string[] traceProcessors = otlp ? processors : ["resourcedetection", RenameProcessor, "batch"];
        var traceExporter = otlp ? OtlpHttpExporter : "awsxray";
        var extensions = new Dictionary<string, object>
        {
            ["health_check"] = new Dictionary<string, object> { ["endpoint"] = health },
        };
        if (otlp)
        {
            // Region and service explicit: inferring them from the host fails on a VPC-endpoint-specific DNS name
            // (sigv4authextension signingroundtripper.go, inferServiceAndRegion).
            extensions[SigV4Extension] = new Dictionary<string, object> { ["region"] = region, ["service"] = XRaySigningService };
        }

        var processorConfigs = new Dictionary<string, object>
        {
            ["resourcedetection"] = new Dictionary<string, object>
            {
                ["detectors"] = detectors,
                ["timeout"] = "5s",
                ["override"] = false,
            },
            ["batch"] = new Dictionary<string, object> { ["timeout"] = "1s", ["send_batch_size"] = 50 },
        };
        if (!otlp)
        {
            processorConfigs[RenameProcessor] = new Dictionary<string, object>
            {
                ["actions"] = XRay.RenamedAttributes.SelectMany(Rename).ToArray(),
            };
        }

        var exporters = new Dictionary<string, object>();
        if (otlp)
        {
            // traces_endpoint is the full URL; the exporter appends nothing to it (otlphttpexporter factory.go,
            // composeSignalURL). Compression gzip is the exporter's default and one of the two the endpoint takes.
            exporters[OtlpHttpExporter] = new Dictionary<string, object>
            {
                ["traces_endpoint"] = XRayOtlpTracesEndpoint(region),
                ["compression"] = "gzip",
                ["auth"] = new Dictionary<string, object> { ["authenticator"] = SigV4Extension },
            };
        }
        else
        {
            exporters["awsxray"] = new Dictionary<string, object>
            {
                ["region"] = region,
                ["indexed_attributes"] = AnnotationKeys.ToArray(),
                ["index_all_attributes"] = XRay.IndexAllAttributes,
                ["aws_log_groups"] = XRay.AwsLogGroups.ToArray(),
            };
        }

        // The services also export logs over OTLP. CloudWatch already gets them from stdout through the log router,
        // so the collector accepts and drops them here instead of failing the SDK's export.
        exporters["debug"] = new Dictionary<string, object> { ["verbosity"] = "basic" };
        exporters["awsemf"] = new Dictionary<string, object>
        {
            ["region"] = region,
            ["namespace"] = MetricsNamespace,
            ["log_group_name"] = metricsLogGroup,
            ["log_stream_name"] = "{TaskId}{NodeName}{InstanceId}",
            ["resource_to_telemetry_conversion"] = new Dictionary<string, object> { ["enabled"] = true },
            ["dimension_rollup_option"] = "NoDimensionRollup",
            ["metric_declarations"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["dimensions"] = new[] { new[] { "service.name" } },
                    ["metric_name_selectors"] = new[] { "^http\\.server\\.request\\.duration$" },
                },
                new Dictionary<string, object>
                {
                    // server.address is the provider's per-link name (servicec.peering.tracinglab.internal).
                    ["dimensions"] = new[] { new[] { "service.name", "server.address" } },
                    ["metric_name_selectors"] = new[] { "^http\\.client\\.request\\.duration$" },
                },
            },
        };

        var config = new Dictionary<string, object>
        {
            ["extensions"] = extensions,
            ["receivers"] = new Dictionary<string, object>
            {
                ["otlp"] = new Dictionary<string, object>
                {
                    ["protocols"] = new Dictionary<string, object>
                    {
                        ["grpc"] = new Dictionary<string, object> { ["endpoint"] = "0.0.0.0:4317" },
                        ["http"] = new Dictionary<string, object> { ["endpoint"] = "0.0.0.0:4318" },
                    },
                },
            },
            ["processors"] = processorConfigs,
            ["exporters"] = exporters,
            ["service"] = new Dictionary<string, object>
            {
                ["extensions"] = extensions.Keys.ToArray(),
                ["pipelines"] = new Dictionary<string, object>
                {
                    ["traces"] = Pipeline(traceProcessors, traceExporter),
                    ["metrics"] = Pipeline(processors, "awsemf"),
                    ["logs"] = Pipeline(["batch"], "debug"),
                },
            },
        };

        return new SerializerBuilder().Build().Serialize(config);
    }

    // Insert the underscore key from the dotted one, then drop the dotted one so it is not also sent as metadata.
    private static IEnumerable<Dictionary<string, object>> Rename(string attribute) =>
    [
        new() { ["key"] = XRayExporterSettings.RenamedKey(attribute), ["from_attribute"] = attribute, ["action"] = "insert" },
        new() { ["key"] = attribute, ["action"] = "delete" },
    ];

    private static Dictionary<string, object> Pipeline(string[] processors, string exporter) => new()
    {
        ["receivers"] = new[] { "otlp" },
        ["processors"] = processors,
        ["exporters"] = new[] { exporter },
    };
}
