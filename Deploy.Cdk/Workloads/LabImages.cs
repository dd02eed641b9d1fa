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

    /// <summary>
    /// ADOT collector release used everywhere (image on ECS and EKS, rpm on EC2). v0.49.0 is the release of
    /// aws-observability/aws-otel-collector (VERSION file) whose health_check listens on localhost by default.
    /// </summary>
    public const string AdotVersion = "v0.49.0";

    /// <summary>
    /// The numeric user and group the ADOT image runs as: its Dockerfile (cmd/awscollector/Dockerfile) creates
    /// <c>aoc</c> with <c>USER_UID=4317</c> and ends with <c>USER aoc</c>, a name the kubelet cannot check against runAsNonRoot.
    /// </summary>
    public const long AdotUserId = 4317;

    /// <summary>ADOT collector image in ECR Public, pinned (the cache repository is a copy of exactly this tag).</summary>
    public const string AdotCollectorImage = "aws-observability/aws-otel-collector:" + AdotVersion;

    /// <summary>AWS for Fluent Bit release: 2.32.5 or later is needed for EKS Pod Identity credentials.</summary>
    public const string FluentBitVersion = "2.32.5";

    /// <summary>AWS for Fluent Bit, init variant (loads extra config files from S3 at start; works on Fargate).</summary>
    public const string FluentBitInitImage = "aws-observability/aws-for-fluent-bit:init-" + FluentBitVersion;

    /// <summary>AWS for Fluent Bit for the EKS DaemonSet.</summary>
    public const string FluentBitImage = "aws-observability/aws-for-fluent-bit:" + FluentBitVersion;

    /// <summary>The .NET images' non-root user (<c>APP_UID</c> of mcr.microsoft.com/dotnet/aspnet 8+), which the SDK's container publish keeps.</summary>
    public const long DotnetAppUserId = 1654;

    /// <summary>
    /// The pinned ADOT rpm for Amazon Linux on x86_64, at the global URL the collector's release notes give. No source
    /// gives that bucket's region, and an S3 gateway endpoint serves only buckets of its own region, so a download
    /// inside VPC C cannot be shown to work without NAT: the rpm is fetched at synthesis and shipped as service C's
    /// asset instead (<see cref="DownloadBundling"/>, docs/deploy.md).
    /// </summary>
    public const string AdotRpmUrl = "https://aws-otel-collector.s3.amazonaws.com/amazon_linux/amd64/" + AdotVersion + "/aws-otel-collector.rpm";

    /// <summary>The key the rpm is signed with ("Build Collector as RPM": rpm --import, then rpm --checksig).</summary>
    public const string AdotKeyUrl = "https://aws-otel-collector.s3.amazonaws.com/aws-otel-collector.gpg";

    /// <summary>The rpm's file name inside service C's ADOT asset.</summary>
    public const string AdotRpmFile = "aws-otel-collector.rpm";

    /// <summary>The signing key's file name inside service C's ADOT asset.</summary>
    public const string AdotKeyFile = "aws-otel-collector.gpg";

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
