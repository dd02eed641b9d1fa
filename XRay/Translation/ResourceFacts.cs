using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;

namespace TracingLab.XRay.Translation;

/// <summary>What the translation needs from a resource, read once per resource rather than once per span.</summary>
internal sealed class ResourceFacts
{
    public static readonly ResourceFacts Empty = new(null);

    public ResourceFacts(Resource? resource)
    {
        Attributes = resource?.Attributes ?? (IReadOnlyList<KeyValue>)[];
        PrefixedKeys = [.. Attributes.Select(kv => "otel.resource." + kv.Key)];
        foreach (var kv in Attributes)
        {
            var value = kv.Value;
            switch (kv.Key)
            {
                case SemConv.ServiceName: ServiceName = Str(value); break;
                case SemConv.ServiceVersion: ServiceVersion = Str(value); break;
                case SemConv.ServiceNamespace: ServiceNamespace = Str(value); break;
                case SemConv.ServiceInstanceId: ServiceInstanceId = Str(value); break;
                case SemConv.ContainerImageTag: ImageTag = Str(value); break;
                case SemConv.CloudProvider: CloudProvider = Str(value); HasCloudProvider = true; break;
                case SemConv.CloudPlatform: CloudPlatform = Str(value); break;
                case SemConv.CloudAccountId: AccountId = Str(value); break;
                case SemConv.CloudAvailabilityZone: Zone = Str(value); break;
                case SemConv.HostId: HostId = Str(value); break;
                case SemConv.HostType: HostType = Str(value); break;
                case SemConv.HostImageId: AmiId = Str(value); break;
                case SemConv.ContainerName: ContainerName ??= Str(value); break;
                case SemConv.ContainerId: ContainerId = Str(value); break;
                case SemConv.K8sPodName: PodName = Str(value); break;
                case SemConv.K8sClusterName: ClusterName = Str(value); break;
                case SemConv.EcsClusterArn: EcsClusterArn = Str(value); break;
                case SemConv.EcsContainerArn: EcsContainerArn = Str(value); break;
                case SemConv.EcsTaskArn: EcsTaskArn = Str(value); break;
                case SemConv.EcsTaskFamily: EcsTaskFamily = Str(value); break;
                case SemConv.EcsLaunchType: EcsLaunchType = Str(value); break;
                case SemConv.LogGroupNames: LogGroupNames = StrList(value); break;
                case SemConv.LogGroupArns: LogGroupArns = StrList(value); break;
                case SemConv.TelemetrySdkName: SdkName = Str(value); break;
                case SemConv.TelemetrySdkLanguage: SdkLanguage = Str(value); break;
                case SemConv.TelemetrySdkVersion: SdkVersion = Str(value); break;
                case SemConv.TelemetryAutoVersion: AutoVersion = Str(value); break;
                default: break;
            }
        }
        IsAws = !HasCloudProvider || CloudProvider == "aws";
        Origin = DetermineOrigin();
        Sdk = SdkName;
        if (!string.IsNullOrEmpty(SdkName) && !string.IsNullOrEmpty(SdkLanguage)
            && !SdkName.EndsWith(" for " + SdkLanguage, StringComparison.OrdinalIgnoreCase))
        {
            // The exporter follows the X-Ray SDK naming ("X-Ray SDK for Java"): "opentelemetry for dotnet".
            Sdk = SdkName + " for " + SdkLanguage;
        }
    }

    public IReadOnlyList<KeyValue> Attributes { get; }

    /// <summary>Resource keys as they appear in segment metadata: <c>otel.resource.{key}</c>.</summary>
    public string[] PrefixedKeys { get; }
    public string? ServiceName { get; }
    public string? ServiceVersion { get; }
    public string? ServiceNamespace { get; }
    public string? ServiceInstanceId { get; }
    public string? ImageTag { get; }
    public bool HasCloudProvider { get; }
    public string? CloudProvider { get; }
    public string? CloudPlatform { get; }
    public string? AccountId { get; }
    public string? Zone { get; }
    public string? HostId { get; }
    public string? HostType { get; }
    public string? AmiId { get; }
    public string? ContainerName { get; }
    public string? ContainerId { get; }
    public string? PodName { get; }
    public string? ClusterName { get; }
    public string? EcsClusterArn { get; }
    public string? EcsContainerArn { get; }
    public string? EcsTaskArn { get; }
    public string? EcsTaskFamily { get; }
    public string? EcsLaunchType { get; }
    public IReadOnlyList<string>? LogGroupNames { get; }
    public IReadOnlyList<string>? LogGroupArns { get; }
    public string? SdkName { get; }
    public string? SdkLanguage { get; }
    public string? SdkVersion { get; }
    public string? AutoVersion { get; }
    public string? Sdk { get; }

    /// <summary>False when <c>cloud.provider</c> names another cloud: then there is no origin and no aws block.</summary>
    public bool IsAws { get; }

    public string? Origin { get; }

    public string? Version => ServiceVersion ?? ImageTag;

    private ResourceJson? _json;

    /// <summary>The resource's pre-encoded JSON (built on first use, once per resource and log-group setting).</summary>
    public ResourceJson Json(IReadOnlyList<string>? configLogGroups)
    {
        var json = _json;
        if (json is null || !json.IsFor(configLogGroups))
        {
            _json = json = new ResourceJson(this, configLogGroups);
        }
        return json;
    }

    private string? DetermineOrigin()
    {
        if (!IsAws)
        {
            return null;
        }
        return CloudPlatform switch
        {
            "aws_app_runner" => "AWS::AppRunner::Service",
            "aws_eks" => "AWS::EKS::Container",
            "aws_elastic_beanstalk" => "AWS::ElasticBeanstalk::Environment",
            "aws_ec2" => "AWS::EC2::Instance",
            "aws_ecs" => EcsLaunchType switch
            {
                "fargate" => "AWS::ECS::Fargate",
                "ec2" => "AWS::ECS::EC2",
                _ => "AWS::ECS::Container",
            },
            _ => null,
        };
    }

    internal static string? Str(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static List<string>? StrList(AnyValue value)
    {
        // Like the exporter: a string (as set through OTEL_RESOURCE_ATTRIBUTES) holds names or ARNs separated by '&'.
        if (value.ValueCase == AnyValue.ValueOneofCase.StringValue)
        {
            return [.. value.StringValue.Split('&', StringSplitOptions.RemoveEmptyEntries)];
        }
        if (value.ValueCase == AnyValue.ValueOneofCase.ArrayValue)
        {
            return [.. value.ArrayValue.Values.Select(Str).OfType<string>()];
        }
        return null;
    }
}
