namespace TracingLab.Deploy.Cicd;

/// <summary>Props of <see cref="GithubOidc"/>.</summary>
public sealed class GithubOidcProps
{
    /// <summary>Create the provider (an account holds one per URL). Default true; false refers to the existing one.</summary>
    public bool Create { get; init; } = true;
}
