using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy.Cicd;

/// <summary>
/// What GitHub Actions needs to run the lab in an account without a stored key, deployed once per account and
/// region: the GitHub OIDC provider, a plan role for pull requests and a deploy role for the <c>aws-lab</c>
/// environment. Both act through the CDK bootstrap roles of this account and region; the deploy role also pushes the
/// service images to the lab's repositories and starts the lab's CodeBuild project that applies service B's manifests
/// from inside VPC B (it never talks to the Kubernetes API itself).
/// </summary>
public sealed class CicdStack : Stack
{
    public const string DefaultName = "TracingLab-Cicd";
    public const string PlanRoleName = "tracinglab-github-plan";
    public const string DeployRoleName = "tracinglab-github-deploy";

    public CicdStack(Construct scope, string id, CicdStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;
        var github = new GithubOidc(this, "GithubOidc", new GithubOidcProps { Create = settings.CreateOidcProvider });

        PlanRole = new Role(this, "PlanRole", new RoleProps
        {
            RoleName = PlanRoleName,
            Description = $"cdk diff for pull requests of {settings.GithubRepo} (plan.yml)",
            AssumedBy = github.Principal(settings.PullRequestSubject),
            MaxSessionDuration = Duration.Hours(1),
        });
        PlanRole.AddToPolicy(AssumeBootstrap(BootstrapRoles.Lookup));

        DeployRole = new Role(this, "DeployRole", new RoleProps
        {
            RoleName = DeployRoleName,
            Description = $"cdk deploy of the lab from environment {settings.Environment} of {settings.GithubRepo} (deploy.yml)",
            AssumedBy = github.Principal(settings.DeploySubject),
            // Image push, a 25-30 minute EKS deploy and the manifests: one hour is too tight.
            MaxSessionDuration = Duration.Hours(2),
        });
        DeployRole.AddToPolicy(AssumeBootstrap(BootstrapRoles.Deploy, BootstrapRoles.FilePublishing, BootstrapRoles.ImagePublishing, BootstrapRoles.Lookup));
        DeployRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PushLabImages",
            Actions =
            [
                "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:GetDownloadUrlForLayer",
                "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
            ],
            Resources = LabTopology.All.Select(s => $"arn:{Partition}:ecr:{Region}:{Account}:repository/{LabImages.RepositoryName(s)}").ToArray(),
        }));
        DeployRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "EcrLogin",
            Actions = ["ecr:GetAuthorizationToken"],
            Resources = ["*"],
        }));
        DeployRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ApplyManifestsInVpcB",
            Actions = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"],
            Resources = [$"arn:{Partition}:codebuild:{Region}:{Account}:project/{Kubernetes.ManifestApplier.ProjectName}"],
        }));
        Nag.Suppress(DeployRole.Node.FindChild("DefaultPolicy"), ("AwsSolutions-IAM5",
            "ecr:GetAuthorizationToken has no resource-level permissions; every other statement names its resources."));

        _ = new CfnOutput(this, "PlanRoleArn", new CfnOutputProps { Value = PlanRole.RoleArn, Description = "plan.yml assumes this" });
        _ = new CfnOutput(this, "DeployRoleArn", new CfnOutputProps
        {
            Value = DeployRole.RoleArn,
            Description = "deploy.yml assumes this",
        });
    }

    /// <summary>The role of <c>plan.yml</c>.</summary>
    public Role PlanRole { get; }

    /// <summary>The role of <c>deploy.yml</c>.</summary>
    public Role DeployRole { get; }

    private PolicyStatement AssumeBootstrap(params string[] kinds) => new(new PolicyStatementProps
    {
        Sid = "AssumeCdkBootstrapRoles",
        Actions = ["sts:AssumeRole"],
        Resources = kinds.Select(k => BootstrapRoles.Arn(this, k)).ToArray(),
    });
}
