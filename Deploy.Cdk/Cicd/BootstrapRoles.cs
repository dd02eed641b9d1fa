using Amazon.CDK;

namespace TracingLab.Deploy.Cicd;

/// <summary>
/// The roles <c>cdk bootstrap</c> creates (aws-cdk-cli, lib/api/bootstrap/bootstrap-template.yaml): named
/// <c>cdk-{qualifier}-{kind}-role-{account}-{region}</c>, trusting their own account. The CLI assumes them for every
/// <c>cdk diff</c> and <c>cdk deploy</c>, so the GitHub roles need nothing but <c>sts:AssumeRole</c> on them.
/// </summary>
public static class BootstrapRoles
{
    /// <summary>The default bootstrap qualifier, the one the lab's stacks synthesize for.</summary>
    public const string Qualifier = "hnb659fds";

    /// <summary>Reads templates and stacks (<c>ReadOnlyAccess</c>): enough for <c>cdk diff --method=template</c>.</summary>
    public const string Lookup = "lookup";

    /// <summary>Creates and executes change sets, passing the CloudFormation execution role.</summary>
    public const string Deploy = "deploy";

    /// <summary>Uploads file assets (service C's zip) to the bootstrap bucket.</summary>
    public const string FilePublishing = "file-publishing";

    /// <summary>Pushes image assets to the bootstrap repository (the lab has none today; the CLI still may check).</summary>
    public const string ImagePublishing = "image-publishing";

    /// <summary>The ARN of a bootstrap role in <paramref name="stack"/>'s own account and region.</summary>
    public static string Arn(Stack stack, string kind)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return $"arn:{stack.Partition}:iam::{stack.Account}:role/cdk-{Qualifier}-{kind}-role-{stack.Account}-{stack.Region}";
    }
}
