using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.CodeBuild;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3.Assets;
using Constructs;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Kubernetes;

/// <summary>
/// Applies service B's manifests from inside VPC B, where the private Kubernetes API answers: a CodeBuild project in
/// VPC B's workload subnets whose source is the manifests of this very synth (an S3 asset) and whose second source is
/// a pinned kubectl (fetched at synthesis from dl.k8s.io and checked against its published SHA-256). deploy.yml starts
/// it after <c>cdk deploy</c>, and so can a person (docs/deploy.md): both apply exactly what the stack was built with.
/// CodeBuild bills per build minute and costs nothing at rest; a self-hosted runner in VPC B would be an instance
/// running all the time plus a runner registration to keep.
/// </summary>
public sealed class ManifestApplier : Construct
{
    /// <summary>The project's fixed name, which the CI/CD deploy role is allowed to start.</summary>
    public const string ProjectName = "tracinglab-apply-manifests";

    public ManifestApplier(Construct scope, string id, ManifestApplierProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var files = ServiceBManifests.Render(props.Manifests);
        var manifests = new Asset(this, "Manifests", new AssetProps { Path = WriteManifests(files) });
        var kubectl = new Asset(this, "Kubectl", new AssetProps
        {
            Path = Path.GetDirectoryName(GeneratedFile.Write("kubectl.txt", $"kubectl {props.KubectlVersion}\n"))!,
            AssetHash = "kubectl-" + props.KubectlVersion,
            AssetHashType = AssetHashType.CUSTOM,
            Bundling = new BundlingOptions
            {
                Image = DockerImage.FromRegistry("local-bundling-only"),
                Local = new DownloadBundling(
                [
                    new Download($"https://dl.k8s.io/release/{props.KubectlVersion}/bin/linux/amd64/kubectl", "kubectl",
                        $"https://dl.k8s.io/release/{props.KubectlVersion}/bin/linux/amd64/kubectl.sha256"),
                ]),
                OutputType = BundlingOutput.NOT_ARCHIVED,
            },
        });

        SecurityGroup = new SecurityGroup(this, "Sg", new SecurityGroupProps
        {
            Vpc = props.Vpc.Vpc,
            Description = "Manifest applier: the Kubernetes API and AWS endpoints only",
            AllowAllOutbound = false,
        });
        SecurityGroup.AddEgressRule(props.ControlPlaneSecurityGroup, Port.Tcp(443), "Kubernetes API (private endpoint)");
        props.Vpc.AllowAwsApis(SecurityGroup, "the manifest applier");

        var logGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = "/tracinglab/apply-manifests",
            Retention = RetentionDays.TWO_WEEKS,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Project = new Project(this, "Project", new ProjectProps
        {
            ProjectName = ProjectName,
            Description = "Applies TracingLab service B's Kubernetes manifests from inside VPC B",
            Source = Source.S3(new S3SourceProps { Bucket = manifests.Bucket, Path = manifests.S3ObjectKey }),
            SecondarySources = [Source.S3(new S3SourceProps { Identifier = "kubectl", Bucket = kubectl.Bucket, Path = kubectl.S3ObjectKey })],
            Environment = new BuildEnvironment { BuildImage = LinuxBuildImage.AMAZON_LINUX_2_5, ComputeType = ComputeType.SMALL },
            Vpc = props.Vpc.Vpc,
            SubnetSelection = new SubnetSelection { Subnets = props.Vpc.WorkloadSubnets.ToArray() },
            SecurityGroups = [SecurityGroup],
            Timeout = Duration.Minutes(30),
            Logging = new LoggingOptions { CloudWatch = new CloudWatchLoggingOptions { LogGroup = logGroup } },
            BuildSpec = BuildSpec.FromObject(new Dictionary<string, object>
            {
                ["version"] = "0.2",
                ["env"] = new Dictionary<string, object> { ["shell"] = "bash" },
                ["phases"] = new Dictionary<string, object>
                {
                    ["build"] = new Dictionary<string, object> { ["commands"] = Commands(files, props.Manifests).ToArray() },
                },
            }),
        });
        Project.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["eks:DescribeCluster"],
            Resources = [props.Cluster.AttrArn],
        }));

        // Cluster-wide: the manifests create namespaces and the wait reads kube-system's controller.
        var access = new CfnAccessEntry(this, "Access", new CfnAccessEntryProps
        {
            ClusterName = props.Cluster.Ref,
            PrincipalArn = Project.Role!.RoleArn,
            Type = "STANDARD",
            AccessPolicies = new object[]
            {
                new CfnAccessEntry.AccessPolicyProperty
                {
                    PolicyArn = $"arn:{Aws.PARTITION}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                    AccessScope = new CfnAccessEntry.AccessScopeProperty { Type = "cluster" },
                },
            },
        });
        access.AddDependency(props.Cluster);

        Nag.Suppress(Project, ("AwsSolutions-CB4",
            "The project builds nothing and keeps no artifacts; its only output is its log, in a CloudWatch log group."));
        if (Project.Role?.Node.TryFindChild("DefaultPolicy") is IConstruct policy)
        {
            Nag.SuppressFindings(policy, "AwsSolutions-IAM5",
                "CDK's CodeBuild grants: read of the two source assets in the CDK asset bucket, log streams of the project's own " +
                "group, report groups of this project, and the VPC network interfaces CodeBuild creates (conditioned on the subnets).",
                ManifestApplierFindings);
        }

        // CDK's policy for a project in a VPC: ec2:Describe* for the VPC, subnets and groups, which take no resource.
        if (Project.Node.TryFindChild("PolicyDocument") is IConstruct vpcPolicy)
        {
            Nag.SuppressFindings(vpcPolicy, "AwsSolutions-IAM5",
                "CodeBuild's documented VPC permissions: ec2:Describe* calls have no resource-level permissions.", "Resource::*");
        }

        _ = new CfnOutput(Stack.Of(this), "ManifestApplierProject", new CfnOutputProps
        {
            Value = Project.ProjectName,
            Description = "aws codebuild start-build --project-name <this>: applies service B's manifests from inside VPC B",
        });
    }

    /// <summary>The IAM5 findings CDK's CodeBuild grants raise, each scoped to the project or its sources.</summary>
    public static string[] ManifestApplierFindings =>
    [
        "Resource::*",
        "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*",
        @"/^Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-[a-z0-9-]+\/\*$/g",
        @"/^Resource::arn:<AWS::Partition>:codebuild:[a-z0-9-]+:<AWS::AccountId>:report-group\/<ManifestApplierProject[0-9A-F]+>-\*$/g",
        @"/^Resource::arn:<AWS::Partition>:logs:[a-z0-9-]+:<AWS::AccountId>:log-group:\/aws\/codebuild\/<ManifestApplierProject[0-9A-F]+>:\*$/g",
        @"/^Resource::<ManifestApplierLogs[0-9A-F]+\.Arn>:\*$/g",
        @"/^Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface\/\*$/g",
    ];

    /// <summary>The project.</summary>
    public Project Project { get; }

    /// <summary>The project's group (egress only: the API and the VPC's AWS endpoints).</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>
    /// The build commands: every file in order, but the TargetGroupBindings only once the AWS Load Balancer Controller's
    /// deployment is Available (its webhook validates them), then wait for the rollouts.
    /// </summary>
    public static IEnumerable<string> Commands(IReadOnlyList<(string File, string Yaml)> files, ServiceBManifestsProps manifests)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(manifests);
        yield return "set -euo pipefail";
        yield return "KUBECTL=\"$CODEBUILD_SRC_DIR_kubectl/kubectl\" && chmod +x \"$KUBECTL\" && \"$KUBECTL\" version --client";
        // A synth without an account writes a placeholder; the build's own ARN names the account.
        yield return "ACCOUNT=$(echo \"$CODEBUILD_BUILD_ARN\" | cut -d: -f5) && sed -i \"s/ACCOUNT_ID/$ACCOUNT/g\" *.yaml";
        yield return $"aws eks update-kubeconfig --name {manifests.ClusterName} --region \"$AWS_REGION\"";
        foreach (var (file, _) in files.Where(f => f.File != ServiceBManifests.BindingsFile))
        {
            yield return $"\"$KUBECTL\" apply -f {file}";
        }

        if (manifests.Links.Count > 0)
        {
            yield return "\"$KUBECTL\" -n kube-system wait deployment/aws-load-balancer-controller --for=condition=Available --timeout=10m";
            yield return $"\"$KUBECTL\" apply -f {ServiceBManifests.BindingsFile}";
        }

        yield return $"\"$KUBECTL\" -n {manifests.Namespace} rollout status deploy/{ServiceBManifests.AppName} --timeout=10m";
        yield return $"\"$KUBECTL\" -n {manifests.Namespace} rollout status deploy/{ServiceBManifests.CollectorName} --timeout=10m";
    }

    // The manifests as an asset directory, named by their content so the same manifests keep the same asset.
    private static string WriteManifests(IReadOnlyList<(string File, string Yaml)> files)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(files.Select(f => f.File + "\n" + f.Yaml)))))[..16];
        var dir = Path.Combine(Path.GetTempPath(), "tracinglab-cdk", "k8s-" + hash);
        Directory.CreateDirectory(dir);
        foreach (var (file, yaml) in files)
        {
            File.WriteAllText(Path.Combine(dir, file), yaml);
        }

        return dir;
    }
}
