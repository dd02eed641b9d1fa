using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace TracingLab.Deploy.Workloads;

/// <summary>Lets a role pull ECR Public images through the account's pull-through cache (<c>ecr-public/*</c>).</summary>
public static class CachedImagePull
{
    /// <summary>Adds a policy, beside the role, with the pull and first-pull import actions on the cache repositories.</summary>
    public static Policy Grant(IRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var scope = (Construct)role;
        var stack = Stack.Of(scope);
        var policy = new Policy(scope, "PullThroughCache", new PolicyProps
        {
            Roles = [role],
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    // The first pull of an image creates its repository and imports it from upstream.
                    Actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability",
                        "ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                    Resources = [$"arn:{Aws.PARTITION}:ecr:{stack.Region}:{stack.Account}:repository/{LabImages.PublicCachePrefix}/*"],
                }),
                new PolicyStatement(new PolicyStatementProps { Actions = ["ecr:GetAuthorizationToken"], Resources = ["*"] }),
            ],
        });
        Nag.SuppressFindings(policy, "AwsSolutions-IAM5",
            "ecr:GetAuthorizationToken has no resource-level permissions; pulls are limited to the ecr-public/* " +
            "pull-through cache repositories, whose names are created on first pull.",
            "Resource::*", @"/^Resource::arn:<AWS::Partition>:ecr:[a-z0-9-]+:<AWS::AccountId>:repository\/ecr-public\/\*$/g");
        return policy;
    }
}
