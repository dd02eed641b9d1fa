namespace TracingLab.Deploy.Cicd;

/// <summary>What the TracingLab-Cicd stack is built from, validated once by <see cref="CicdContext"/>.</summary>
public sealed record CicdSettings
{
    /// <summary>
    /// The repository whose workflows may assume the roles, as its OIDC <c>sub</c> claim names it: <c>owner/name</c>,
    /// or <c>owner@orgId/name@repoId</c> for repositories that emit GitHub's immutable subject claims.
    /// </summary>
    public required string GithubRepo { get; init; }

    /// <summary>The GitHub environment of the deploy job. Default <c>aws-lab</c>.</summary>
    public string Environment { get; init; } = CicdContext.DefaultEnvironment;

    /// <summary>True to create the account's GitHub OIDC provider (default); false to use the one that already exists.</summary>
    public bool CreateOidcProvider { get; init; } = true;

    /// <summary>The <c>sub</c> claim of a pull-request workflow run: what the plan role trusts.</summary>
    public string PullRequestSubject => $"repo:{GithubRepo}:pull_request";

    /// <summary>The <c>sub</c> claim of a job in <see cref="Environment"/>: what the deploy role trusts.</summary>
    public string DeploySubject => $"repo:{GithubRepo}:environment:{Environment}";
}
