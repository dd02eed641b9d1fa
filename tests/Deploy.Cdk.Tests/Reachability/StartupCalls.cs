using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>
/// One AWS call a process makes before it is up: the endpoint it goes to (<c>com.amazonaws.{region}.{Endpoint}</c>),
/// the IAM action and resource (null action: unsigned, presigned by another service, or needing no credentials; an S3
/// call without one is still checked as s3:GetObject against the endpoint policy), and where that is documented.
/// <see cref="BucketRegion"/> is set for S3 buckets outside the lab's control: "same" (AWS's regional bucket), or a
/// note saying no source gives its region.
/// </summary>
public sealed record AwsCall(string Endpoint, string? Action, string Resource, string Source, string BucketRegion = "same");

/// <summary>
/// A workload process, where it runs, who it is on the network, the role it signs with and its calls at start; its
/// security group is the VPC's workload group unless <see cref="GroupDescription"/> names another by its description.
/// </summary>
public sealed record StartupProcess(string Name, LabService Vpc, Client Client, string? RolePrefix, IReadOnlyList<AwsCall> Calls,
    string GroupDescription = "Lab workload");

/// <summary>
/// What each workload process calls at start, read from the process's own source or AWS's documentation (cited per
/// call). Resources that depend on the template (asset keys, parameter names) are read from it.
/// </summary>
public static class StartupCalls
{
    private const string R = Canonical.Region;
    private const string Acct = Canonical.Account;
    private const string Logs = $"arn:aws:logs:{R}:{Acct}:log-group:";
    private const string Starport = $"arn:aws:s3:::prod-{R}-starport-layer-bucket/";
    private const string EcrPrivateLink =
        "ECR user guide, Amazon ECR interface VPC endpoints: ecr.api, ecr.dkr and the S3 gateway endpoint to prod-{region}-starport-layer-bucket";

    /// <summary>The processes of one synthesized variant.</summary>
    /// <param name="fireLensConfig">The FireLens config object's ARN (the task definition's aws_fluent_bit_init_s3_1).</param>
    /// <param name="userDataS3">Every s3:// object service C's user data copies, as bucket/key.</param>
    /// <param name="userDataHttps">Every https URL service C's user data downloads.</param>
    /// <param name="applierSource">The manifest applier's S3 source, bucket/key (the CodeBuild project's Source.Location).</param>
    /// <param name="otlpTraces">True when the collectors send traces to the X-Ray OTLP endpoint (traceExport=otlp).</param>
    public static IReadOnlyList<StartupProcess> For(string fireLensConfig, IReadOnlyList<string> userDataS3, IReadOnlyList<string> userDataHttps, string applierSource,
        bool otlpTraces)
    {
        var configBucket = fireLensConfig[..fireLensConfig.IndexOf('/', StringComparison.Ordinal)];
        var fargate = Client.Linux("Fargate task ENI");
        var instance = Client.Linux("service C instance");
        var node = Client.Linux("EKS node (host network)");
        var pod = Client.Linux("EKS pod, own VPC address (no SNAT inside the VPC)");

        return
        [
            new("ECS agent: pull the task's images", LabService.A, fargate, "ServiceATaskExecutionRole",
            [
                new("ecr.api", "ecr:GetAuthorizationToken", "*", EcrPrivateLink),
                new("ecr.api", "ecr:BatchGetImage", $"arn:aws:ecr:{R}:{Acct}:repository/tracinglab/servicea", EcrPrivateLink),
                new("ecr.api", "ecr:BatchGetImage", $"arn:aws:ecr:{R}:{Acct}:repository/ecr-public/aws-observability/aws-otel-collector", EcrPrivateLink),
                new("ecr.api", "ecr:BatchImportUpstreamImage", $"arn:aws:ecr:{R}:{Acct}:repository/ecr-public/aws-observability/aws-for-fluent-bit",
                    "ECR user guide, pull through cache: the first pull imports the image (ecr:BatchImportUpstreamImage, ecr:CreateRepository)"),
                new("ecr.api", "ecr:BatchImportUpstreamImage", $"arn:aws:ecr:{R}:{Acct}:repository/ecr-public/amazon-ssm-agent/amazon-ssm-agent",
                    "ECR user guide, pull through cache (the SSM agent image the FIS user guide's ECS task actions name)"),
                new("ecr.dkr", null, "registry", EcrPrivateLink),
                new("s3", null, Starport + "layer", EcrPrivateLink + " (layer URLs are presigned by ECR)"),
            ]),
            new("ECS agent: awslogs driver and the collector's SSM secret", LabService.A, fargate, "ServiceATaskExecutionRole",
            [
                new("logs", "logs:CreateLogStream", Logs + "/tracinglab/servicea:log-stream:firelens/x",
                    "ECS developer guide, awslogs log driver: the execution role needs logs:CreateLogStream and logs:PutLogEvents"),
                new("logs", "logs:PutLogEvents", Logs + "/tracinglab/servicea:log-stream:adot/x", "ECS developer guide, awslogs log driver"),
                new("ssm", "ssm:GetParameters", $"arn:aws:ssm:{R}:{Acct}:parameter/tracinglab/adot/servicea",
                    "ECS developer guide, pass Systems Manager parameters as secrets: the execution role needs ssm:GetParameters"),
            ]),
            new("FireLens init (aws-for-fluent-bit init image)", LabService.A, fargate, "ServiceATaskTaskRole",
            [
                new("s3", "s3:GetBucketLocation", configBucket,
                    "aws/aws-for-fluent-bit init/fluent_bit_init_process.go: GetBucketLocation on the config bucket, exits on error"),
                new("s3", "s3:GetObject", fireLensConfig, "aws/aws-for-fluent-bit init/fluent_bit_init_process.go: then GetObject"),
            ]),
            new("FireLens router (Fluent Bit cloudwatch_logs)", LabService.A, fargate, "ServiceATaskTaskRole",
            [
                new("logs", "logs:CreateLogStream", Logs + "/tracinglab/servicea:log-stream:app/x",
                    "Fluent Bit docs, Amazon CloudWatch output: CreateLogStream and PutLogEvents (CreateLogGroup only with auto_create_group)"),
                new("logs", "logs:PutLogEvents", Logs + "/tracinglab/servicea:log-stream:app/x", "Fluent Bit docs, Amazon CloudWatch output"),
            ]),
            Collector("ADOT collector on ECS", LabService.A, fargate, "ServiceATaskTaskRole", otlpTraces),
            new("FIS SSM agent sidecar: registration", LabService.A, fargate, "ServiceATaskTaskRole",
            [
                new("s3", null, $"arn:aws:s3:::al2023-repos-{R}-de612dc2/*",
                    "FIS user guide, ECS task actions: the script dnf-installs jq, procps and awscli (Amazon Linux 2023 repositories in S3)"),
                new("ssm", "ssm:CreateActivation", "*", "FIS user guide, ECS task actions: aws ssm create-activation with the task role"),
                new("ssm", null, "RegisterManagedInstance",
                    "Systems Manager user guide, hybrid activations: amazon-ssm-agent -register signs with the activation code, not IAM"),
            ]),
            new("FIS SSM agent sidecar: agent as a managed instance", LabService.A, fargate, "ServiceAFaultInjectionManagedInstanceRole",
            [
                new("ssm", "ssm:UpdateInstanceInformation", "*", "Systems Manager user guide, VPC endpoints: ssm, ssmmessages, ec2messages"),
                new("ssmmessages", "ssmmessages:CreateControlChannel", "*", "Systems Manager user guide, VPC endpoints"),
                new("ec2messages", "ec2messages:GetMessages", "*", "Systems Manager user guide, VPC endpoints"),
            ]),
            new("EC2 user data: packages, app, cfn-signal", LabService.C, instance, "ServiceCInstanceRole",
            [
                new("s3", null, $"arn:aws:s3:::al2023-repos-{R}-de612dc2/*",
                    "Amazon Linux 2023 user guide: dnf reads the repositories from S3 bucket al2023-repos-{region}-de612dc2 (gateway endpoint)"),
                .. userDataS3.Select(o => new AwsCall("s3", "s3:GetObject", "arn:aws:s3:::" + o, "the user data's aws s3 cp of its CDK asset")),
                .. userDataHttps.Select(Download),
                new("cloudformation", null, "stack",
                    "CloudFormation user guide, cfn-signal: SignalResource needs no credentials; reached through the cloudformation endpoint"),
            ]),
            new("SSM agent (Session Manager)", LabService.C, instance, "ServiceCInstanceRole",
            [
                new("ssm", "ssm:UpdateInstanceInformation", "*", "Systems Manager user guide, VPC endpoints: ssm, ssmmessages, ec2messages"),
                new("ssmmessages", "ssmmessages:CreateControlChannel", "*", "Systems Manager user guide, VPC endpoints"),
                new("ec2messages", "ec2messages:GetMessages", "*", "Systems Manager user guide, VPC endpoints"),
            ]),
            new("CloudWatch agent (service C's logs)", LabService.C, instance, "ServiceCInstanceRole",
            [
                new("logs", "logs:CreateLogStream", Logs + "/tracinglab/servicec:log-stream:app/i-x",
                    "CloudWatch agent docs: logs:CreateLogStream, logs:PutLogEvents, logs:DescribeLogStreams"),
                new("logs", "logs:PutLogEvents", Logs + "/tracinglab/servicec:log-stream:app/i-x", "CloudWatch agent docs"),
            ]),
            Collector("ADOT collector on EC2", LabService.C, instance, "ServiceCInstanceRole", otlpTraces),
            new("EKS node join: images, VPC CNI, Pod Identity agent", LabService.B, node, "ServiceBNodeRole",
            [
                new("ecr.api", "ecr:GetAuthorizationToken", "*", "EKS user guide, private clusters: ecr.api, ecr.dkr, s3 for images"),
                new("ecr.api", "ecr:BatchGetImage", "arn:aws:ecr:" + R + ":602401143452:repository/amazon-k8s-cni",
                    "EKS user guide, private clusters: add-on images come from the regional EKS ECR registry"),
                new("ecr.dkr", null, "registry", "EKS user guide, private clusters"),
                new("s3", null, Starport + "layer", EcrPrivateLink + " (layer URLs are presigned by ECR)"),
                new("ec2", "ec2:DescribeInstances", "*", "EKS user guide, private clusters: the ec2 endpoint (VPC CNI, node lookup)"),
                new("ec2", "ec2:AssignPrivateIpAddresses", "*",
                    "amazon-vpc-cni-k8s docs/iam-policy: ipamd attaches ENIs and assigns pod addresses at start"),
                new("ec2", "ec2:CreateNetworkInterface", "*", "amazon-vpc-cni-k8s docs/iam-policy"),
                new("eks-auth", "eks-auth:AssumeRoleForPodIdentity", $"arn:aws:eks:{R}:{Acct}:cluster/tracinglab",
                    "EKS user guide, Pod Identity: the agent calls eks-auth:AssumeRoleForPodIdentity with the node role"),
            ]),
            new("Fluent Bit DaemonSet on EKS", LabService.B, pod, "ServiceBFluentBitRole",
            [
                new("logs", "logs:CreateLogStream", Logs + "/tracinglab/serviceb:log-stream:app/x", "Fluent Bit docs, Amazon CloudWatch output"),
                new("logs", "logs:PutLogEvents", Logs + "/tracinglab/serviceb:log-stream:app/x", "Fluent Bit docs, Amazon CloudWatch output"),
            ]),
            Collector("ADOT collector on EKS", LabService.B, pod, "ServiceBCollectorRole", otlpTraces),
            new("AWS Load Balancer Controller (TargetGroupBindings)", LabService.B, pod, "ServiceBLoadBalancerControllerRole",
            [
                new("elasticloadbalancing", "elasticloadbalancing:DescribeTargetGroups", "*",
                    "aws-load-balancer-controller docs/install/iam_policy.json; EKS user guide, private clusters: elasticloadbalancing endpoint"),
                new("elasticloadbalancing", "elasticloadbalancing:DescribeTargetHealth", "*", "aws-load-balancer-controller iam_policy.json"),
                new("elasticloadbalancing", "elasticloadbalancing:RegisterTargets",
                    $"arn:aws:elasticloadbalancing:{R}:{Acct}:targetgroup/tl-serviceb-peering/0123456789abcdef", "aws-load-balancer-controller iam_policy.json"),
                new("ec2", "ec2:DescribeSubnets", "*", "aws-load-balancer-controller iam_policy.json"),
                new("ec2", "ec2:DescribeSecurityGroups", "*", "aws-load-balancer-controller iam_policy.json"),
            ]),
            new("Manifest applier (CodeBuild in VPC B)", LabService.B, Client.Linux("CodeBuild build container"), "ManifestApplierProjectRole",
            [
                new("s3", "s3:GetObject", "arn:aws:s3:::" + applierSource,
                    "CodeBuild user guide, use CodeBuild with Amazon VPC: an S3 source is downloaded from inside the VPC"),
                new("logs", "logs:PutLogEvents", Logs + "/tracinglab/apply-manifests:log-stream:x", "CodeBuild user guide, VPC: CloudWatch Logs endpoint"),
                new("eks", "eks:DescribeCluster", $"arn:aws:eks:{R}:{Acct}:cluster/tracinglab",
                    "AWS CLI, aws eks update-kubeconfig: calls DescribeCluster; the token (aws eks get-token) is presigned locally"),
            ], "Manifest applier"),
        ];
    }

    private static StartupProcess Collector(string name, LabService vpc, Client client, string role, bool otlpTraces) => new(name, vpc, client, role,
    [
        otlpTraces
            // Host xray.{region}.amazonaws.com, which the xray interface endpoint's private DNS answers for; that the
            // endpoint serves the /v1/traces path is not documented (docs/deploy.md gives the check to run).
            ? new("xray", "xray:PutTraceSegments", "*",
                "CloudWatch docs, OTLP endpoints: POST https://xray.{region}.amazonaws.com/v1/traces, SigV4 (sigv4authextension); " +
                "X-Ray developer guide, bearer token authentication for traces: the OTLP endpoint is authorized as xray:PutTraceSegments")
            : new("xray", "xray:PutTraceSegments", "*", "ADOT docs, X-Ray exporter: xray:PutTraceSegments, xray:PutTelemetryRecords"),
        new("xray", "xray:GetSamplingRules", "*", "ADOT docs, X-Ray exporter and remote sampling"),
        new("logs", "logs:PutLogEvents", Logs + "/tracinglab/metrics:log-stream:x",
            "ADOT docs, CloudWatch EMF exporter: logs:PutLogEvents, logs:CreateLogStream, logs:DescribeLogStreams"),
        new("logs", "logs:CreateLogStream", Logs + "/tracinglab/metrics:log-stream:x", "ADOT docs, CloudWatch EMF exporter"),
    ]);

    // A download from a public bucket by its global URL (bucket.s3.amazonaws.com): unsigned, and served through the
    // VPC's S3 gateway endpoint only when the bucket is in the VPC's region.
    private static AwsCall Download(string url)
    {
        var host = new Uri(url).Host;
        if (!host.Contains(".s3", StringComparison.Ordinal))
        {
            return new AwsCall("internet", null, url, $"user data downloads {url}");
        }

        var bucket = host[..host.IndexOf(".s3", StringComparison.Ordinal)];
        return new AwsCall("s3", null, $"arn:aws:s3:::{bucket}{new Uri(url).AbsolutePath}",
            $"user data downloads {url}", "not stated by any source (aws-otel-collector docs and release notes give only the global URL)");
    }
}
