using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace TracingLab.Deploy.Cicd;

/// <summary>
/// The account's IAM OIDC provider for GitHub Actions (created, or the existing one by its fixed ARN), and the
/// principal a role trusts for exactly one <c>sub</c> claim and the STS audience.
/// </summary>
public sealed class GithubOidc : Construct
{
    public const string Host = "token.actions.githubusercontent.com";
    public const string Audience = "sts.amazonaws.com";

    // GitHub's published thumbprints (github.blog changelog 2023-06-27). IAM now checks GitHub's certificate against
    // its trusted root CAs and ignores them, but CloudFormation in CDK 2.160 still requires the list.
    private static readonly string[] Thumbprints = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"];

    public GithubOidc(Construct scope, string id, GithubOidcProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);
        ProviderArn = props.Create
            ? new CfnOIDCProvider(this, "Provider", new CfnOIDCProviderProps
            {
                Url = $"https://{Host}",
                ClientIdList = [Audience],
                ThumbprintList = Thumbprints,
            }).Ref
            : $"arn:{stack.Partition}:iam::{stack.Account}:oidc-provider/{Host}";
    }

    /// <summary>The provider's ARN.</summary>
    public string ProviderArn { get; }

    /// <summary>Trusts web identities from this provider whose audience is STS and whose subject is exactly <paramref name="subject"/>.</summary>
    public WebIdentityPrincipal Principal(string subject) => new(ProviderArn, new Dictionary<string, object>
    {
        ["StringEquals"] = new Dictionary<string, object>
        {
            [$"{Host}:aud"] = Audience,
            [$"{Host}:sub"] = subject,
        },
    });
}
