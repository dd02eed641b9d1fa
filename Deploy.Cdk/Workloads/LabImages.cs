using Amazon.CDK;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Workloads;

/// <summary>Where every image the lab runs comes from.</summary>
public static class LabImages
{
    /// <summary>
    /// ECR pull-through cache prefix for ECR Public. Workload subnets have no internet route by default, so the
    /// collector and Fluent Bit images are pulled through the account's private registry (reached by VPC endpoint).
    /// </summary>
    public const string PublicCachePrefix = "ecr-public";

    /// <summary>ADOT collector image in ECR Public. Pin a version tag for anything longer-lived than a lab.</summary>
    public const string AdotCollectorImage = "aws-observability/aws-otel-collector:latest";

    /// <summary>AWS for Fluent Bit, init variant (loads extra config files from S3 at start; works on Fargate).</summary>
    public const string FluentBitInitImage = "aws-observability/aws-for-fluent-bit:init-latest";

    /// <summary>AWS for Fluent Bit for the EKS DaemonSet.</summary>
    public const string FluentBitImage = "aws-observability/aws-for-fluent-bit:stable";

    /// <summary>The ECR repository of a service, as set by ContainerRepository in its .csproj.</summary>
    public static string RepositoryName(LabService service) => $"tracinglab/{service.Name()}";

    /// <summary>The private registry host of an account and region (URL suffix defaults to the stack's token).</summary>
    public static string Registry(string account, string region, string? urlSuffix = null) =>
        $"{account}.dkr.ecr.{region}.{urlSuffix ?? Aws.URL_SUFFIX}";

    /// <summary>A service image: <c>{registry}/tracinglab/{service}:{tag}</c>.</summary>
    public static string ServiceImage(string account, string region, LabService service, string tag, string? urlSuffix = null) =>
        $"{Registry(account, region, urlSuffix)}/{RepositoryName(service)}:{tag}";

    /// <summary>An ECR Public image through the pull-through cache: <c>{registry}/ecr-public/{image}</c>.</summary>
    public static string Cached(string account, string region, string publicImage, string? urlSuffix = null) =>
        $"{Registry(account, region, urlSuffix)}/{PublicCachePrefix}/{publicImage}";
}
