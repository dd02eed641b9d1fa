using k8s;
using k8s.Models;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Network;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Kubernetes;

/// <summary>
/// Service B's Kubernetes objects, built as typed models (KubernetesClient) and written as YAML for
/// <c>kubectl apply -f cdk.out/k8s/</c>: namespace, service accounts, the app Deployment and Service, the ADOT
/// collector, the Fluent Bit DaemonSet, one TargetGroupBinding per enabled link and an HPA.
/// </summary>
public static class ServiceBManifests
{
    public const string AppServiceAccount = "serviceb";
    public const string CollectorServiceAccount = "adot-collector";
    public const string FluentBitServiceAccount = "fluent-bit";
    public const string AppName = "serviceb";
    public const string CollectorName = "adot-collector";

    /// <summary>Fluent Bit's namespace: the one place allowed privileged pods (it reads the nodes' /var/log).</summary>
    public const string LogsNamespace = "tracinglab-logs";

    /// <summary>Why the Fluent Bit DaemonSet cannot meet the restricted profile, written on it and on its namespace.</summary>
    public const string PrivilegedReason =
        "Fluent Bit tails the node's container logs (hostPath /var/log, files owned by root, mode 0640) and keeps its " +
        "read offsets on the node (hostPath /var/fluent-bit/state): hostPath volumes and uid 0 are outside the restricted profile.";

    /// <summary>The objects, grouped by the file they are written to (applied in file-name order).</summary>
    public static IReadOnlyList<(string File, IReadOnlyList<object> Objects)> Build(ServiceBManifestsProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var ns = props.Namespace;
        var collectorEndpoint = $"http://{CollectorName}.{ns}.svc.cluster.local:4317";

        List<(string File, IReadOnlyList<object> Objects)> files =
        [
            ("00-namespace.yaml",
            [
                props.FaultInjection ? Namespace(ns, "restricted", Faults.EksFaultInjection.PrivilegedReason, enforce: "privileged") : Namespace(ns, "restricted", null),
                Namespace(LogsNamespace, "privileged", PrivilegedReason),
            ]),
            ("10-service-accounts.yaml",
            [
                ServiceAccount(AppServiceAccount, ns),
                ServiceAccount(CollectorServiceAccount, ns),
                ServiceAccount(FluentBitServiceAccount, LogsNamespace),
            ]),
            ("20-adot-collector.yaml",
            [
                ConfigMap("adot-collector-config", ns, "config.yaml", props.CollectorConfig),
                CollectorDeployment(props),
                ClusterIpService(CollectorName, ns, CollectorName, [("otlp-grpc", 4317), ("otlp-http", 4318)]),
            ]),
            ("30-serviceb.yaml",
            [
                AppDeployment(props, collectorEndpoint),
                ClusterIpService(AppName, ns, AppName, [("http", LabTopology.ServicePort)]),
                Autoscaler(props),
            ]),
            (BindingsFile, props.Links.Select(link => (object)Binding(ns, link)).ToList()),
            ("50-fluent-bit.yaml",
            [
                ConfigMap("fluent-bit-config", LogsNamespace, "fluent-bit.conf", props.FluentBitConfig),
                FluentBitDaemonSet(props),
            ]),
        ];
        if (props.FaultInjection)
        {
            files.Add((FaultInjectionFile, Faults.EksFaultInjection.Objects(ns)));
        }

        return files;
    }

    /// <summary>The file holding AWS FIS's service account and RBAC, written only with <see cref="ServiceBManifestsProps.FaultInjection"/>.</summary>
    public const string FaultInjectionFile = "60-fis-experiment.yaml";

    /// <summary>The file holding the TargetGroupBindings, applied only once the AWS Load Balancer Controller is ready.</summary>
    public const string BindingsFile = "40-target-group-bindings.yaml";

    /// <summary>Each file's YAML, in apply order.</summary>
    public static IReadOnlyList<(string File, string Yaml)> Render(ServiceBManifestsProps props) =>
        Build(props).Select(f => (f.File, f.Objects.Count == 0 ? "# no link enabled: nothing to bind\n" : KubernetesYaml.SerializeAll(f.Objects))).ToList();

    /// <summary>Writes every file under <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, ServiceBManifestsProps props)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (file, yaml) in Render(props))
        {
            var path = Path.Combine(directory, file);
            File.WriteAllText(path, yaml);
            paths.Add(path);
        }

        return paths;
    }

    private static V1ObjectMeta Meta(string name, string? ns, string? app = null) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/part-of"] = "tracinglab",
            ["app.kubernetes.io/name"] = app ?? name,
        },
    };

    // Pod Security Admission enforces the profile on every pod of the namespace (kubernetes.io/docs/concepts/security/pod-security-admission).
    // A different enforce level keeps audit and warn at the stricter one, so pods that would break it still show.
    private static V1Namespace Namespace(string name, string level, string? reason, string? enforce = null)
    {
        var meta = Meta(name, null);
        foreach (var mode in new[] { "enforce", "audit", "warn" })
        {
            meta.Labels[$"pod-security.kubernetes.io/{mode}"] = mode == "enforce" ? enforce ?? level : level;
        }

        meta.Annotations = reason is null ? null : new Dictionary<string, string> { ["tracinglab/privileged-because"] = reason };
        return new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = meta };
    }

    private static V1ServiceAccount ServiceAccount(string name, string ns) =>
        new() { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta(name, ns) };

    private static V1ConfigMap ConfigMap(string name, string ns, string key, string content) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Meta(name, ns),
        Data = new Dictionary<string, string> { [key] = content },
    };

    private static Dictionary<string, string> Selector(string app) => new() { ["app.kubernetes.io/name"] = app };

    private static V1Service ClusterIpService(string name, string ns, string app, (string Name, int Port)[] ports) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(name, ns, app),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = Selector(app),
            Ports = ports.Select(p => new V1ServicePort { Name = p.Name, Port = p.Port, TargetPort = p.Name, Protocol = "TCP" }).ToList(),
        },
    };

    // The Pod Security Standards' restricted profile: a numeric non-root user (the kubelet cannot check a user name
    // against runAsNonRoot), no privilege escalation, RuntimeDefault seccomp, every capability dropped.
    private static V1SecurityContext Restricted(long user) => new()
    {
        AllowPrivilegeEscalation = false,
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    private static V1PodSecurityContext RestrictedPod(long user) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        FsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    private static V1Deployment AppDeployment(ServiceBManifestsProps props, string collectorEndpoint)
    {
        var env = new List<V1EnvVar>
        {
            new() { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            new() { Name = "NODE_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } },
        };
        foreach (var (name, value) in ServiceEnvironment.For(LabService.B, props.Links, collectorEndpoint))
        {
            // Dependent variables ($(POD_NAME)) add the pod's identity to the OTel resource.
            var v = name == "OTEL_RESOURCE_ATTRIBUTES"
                ? $"{value},k8s.namespace.name={props.Namespace},k8s.pod.name=$(POD_NAME),k8s.node.name=$(NODE_NAME),k8s.cluster.name={props.ClusterName}"
                : value;
            env.Add(new V1EnvVar { Name = name, Value = v });
        }

        var container = new V1Container
        {
            Name = "app",
            Image = props.AppImage,
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = LabTopology.ServicePort, Protocol = "TCP" }],
            Env = env,
            ReadinessProbe = HttpProbe("/health", 5),
            LivenessProbe = HttpProbe("/alive", 10),
            Resources = new V1ResourceRequirements
            {
                Requests = Quantities(("cpu", "250m"), ("memory", "256Mi")),
                Limits = Quantities(("memory", "512Mi")),
            },
            SecurityContext = Restricted(LabImages.DotnetAppUserId),
        };

        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = Meta(AppName, props.Namespace),
            Spec = new V1DeploymentSpec
            {
                Replicas = props.Replicas,
                Selector = new V1LabelSelector { MatchLabels = Selector(AppName) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = Meta(AppName, null),
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = AppServiceAccount,
                        SecurityContext = RestrictedPod(LabImages.DotnetAppUserId),
                        Containers = [container],
                    },
                },
            },
        };
    }

    private static V1Probe HttpProbe(string path, int period) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = "http" },
        PeriodSeconds = period,
        InitialDelaySeconds = 5,
        FailureThreshold = 3,
    };

    private static Dictionary<string, ResourceQuantity> Quantities(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => new ResourceQuantity(v.Value));

    private static V1Deployment CollectorDeployment(ServiceBManifestsProps props) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Meta(CollectorName, props.Namespace),
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = Selector(CollectorName) },
            Template = new V1PodTemplateSpec
            {
                Metadata = Meta(CollectorName, null),
                Spec = new V1PodSpec
                {
                    ServiceAccountName = CollectorServiceAccount,
                    SecurityContext = RestrictedPod(LabImages.AdotUserId),
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "collector",
                            Image = props.CollectorImage,
                            Args = ["--config=/conf/config.yaml"],
                            Env =
                            [
                                new V1EnvVar { Name = "AWS_REGION", Value = props.Region },
                                new V1EnvVar
                                {
                                    Name = CollectorConfig.PodIpVariable,
                                    ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } },
                                },
                                // What the eks detector would find, for the env detector (cloud.platform gives X-Ray
                                // the AWS::EKS::Container origin).
                                new V1EnvVar
                                {
                                    Name = "OTEL_RESOURCE_ATTRIBUTES",
                                    Value = $"cloud.provider=aws,cloud.platform=aws_eks,cloud.region={props.Region},k8s.cluster.name={props.ClusterName}",
                                },
                            ],
                            Ports =
                            [
                                new V1ContainerPort { Name = "otlp-grpc", ContainerPort = 4317 },
                                new V1ContainerPort { Name = "otlp-http", ContainerPort = 4318 },
                                new V1ContainerPort { Name = "health", ContainerPort = CollectorConfig.HealthPort },
                            ],
                            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "health" }, PeriodSeconds = 10 },
                            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "health" }, PeriodSeconds = 15 },
                            Resources = new V1ResourceRequirements
                            {
                                Requests = Quantities(("cpu", "100m"), ("memory", "128Mi")),
                                Limits = Quantities(("memory", "512Mi")),
                            },
                            VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/conf" }],
                            SecurityContext = Restricted(LabImages.AdotUserId),
                        },
                    ],
                    Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "adot-collector-config" } }],
                },
            },
        },
    };

    private static TargetGroupBinding Binding(string ns, LinkKind link) => new()
    {
        Metadata = Meta($"{AppName}-{link.Name()}", ns, AppName),
        Spec = new TargetGroupBindingSpec
        {
            ServiceRef = new TargetGroupBindingServiceRef { Name = AppName, Port = LabTopology.ServicePort },
            TargetGroupName = ServiceIngress.TargetGroupName(LabService.B, link),
            TargetType = "ip",
        },
    };

    private static V2HorizontalPodAutoscaler Autoscaler(ServiceBManifestsProps props) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = Meta(AppName, props.Namespace),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = AppName },
            MinReplicas = props.Replicas,
            MaxReplicas = 6,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 },
                    },
                },
            ],
        },
    };

    private static V1ObjectMeta WithReason(V1ObjectMeta meta)
    {
        meta.Annotations = new Dictionary<string, string> { ["tracinglab/privileged-because"] = PrivilegedReason };
        return meta;
    }

    private static V1DaemonSet FluentBitDaemonSet(ServiceBManifestsProps props) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "DaemonSet",
        Metadata = WithReason(Meta("fluent-bit", LogsNamespace)),
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = Selector("fluent-bit") },
            Template = new V1PodTemplateSpec
            {
                Metadata = Meta("fluent-bit", null),
                Spec = new V1PodSpec
                {
                    ServiceAccountName = FluentBitServiceAccount,
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "fluent-bit",
                            Image = props.FluentBitImage,
                            Env = [new V1EnvVar { Name = "AWS_REGION", Value = props.Region }],
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = 2020 }],
                            // Health_Check On in the [SERVICE] section serves /api/v1/health on HTTP_Port.
                            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/api/v1/health", Port = "http" }, PeriodSeconds = 10 },
                            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/api/v1/health", Port = "http" }, PeriodSeconds = 30 },
                            // Root for the root-owned log files (PrivilegedReason), but nothing more: no escalation,
                            // no capabilities, RuntimeDefault seccomp, the container image read-only.
                            SecurityContext = new V1SecurityContext
                            {
                                RunAsUser = 0,
                                AllowPrivilegeEscalation = false,
                                ReadOnlyRootFilesystem = true,
                                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                            },
                            Resources = new V1ResourceRequirements
                            {
                                Requests = Quantities(("cpu", "50m"), ("memory", "64Mi")),
                                Limits = Quantities(("memory", "256Mi")),
                            },
                            VolumeMounts =
                            [
                                new V1VolumeMount { Name = "config", MountPath = "/fluent-bit/etc/fluent-bit.conf", SubPath = "fluent-bit.conf" },
                                new V1VolumeMount { Name = "varlog", MountPath = "/var/log", ReadOnlyProperty = true },
                                new V1VolumeMount { Name = "state", MountPath = "/var/fluent-bit/state" },
                            ],
                        },
                    ],
                    Volumes =
                    [
                        new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "fluent-bit-config" } },
                        new V1Volume { Name = "varlog", HostPath = new V1HostPathVolumeSource { Path = "/var/log" } },
                        new V1Volume { Name = "state", HostPath = new V1HostPathVolumeSource { Path = "/var/fluent-bit/state", Type = "DirectoryOrCreate" } },
                    ],
                },
            },
        },
    };
}
