using System.Globalization;
using System.Text.RegularExpressions;
using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Cicd;

/// <summary>
/// Reads the context keys of the TracingLab-Cicd stack. The lab stacks never need them: without
/// <c>githubRepo</c> the stack is left out of the app, so <see cref="Read"/> returns null.
/// </summary>
public static partial class CicdContext
{
    public const string GithubRepoKey = "githubRepo";
    public const string GithubEnvironmentKey = "githubEnvironment";
    public const string GithubOidcProviderKey = "githubOidcProvider";
    public const string DefaultEnvironment = "aws-lab";

    private const string RepoForm = "owner/name (e.g. acme/tracinglab), or owner@orgId/name@repoId for immutable subject claims";

    /// <summary>Said when the stack is left out, so asking the CLI for it explains why it is missing.</summary>
    public static string LeftOutNote =>
        $"note: stack {CicdStack.DefaultName} is synthesized only with -c {GithubRepoKey}=<{RepoForm}>.";

    /// <summary>The settings, or null when <c>githubRepo</c> and the other keys of the stack are all absent.</summary>
    /// <param name="get">Returns the raw context value of a key, or null when absent.</param>
    /// <exception cref="LabContextException">A key is invalid, or one is given without <c>githubRepo</c>.</exception>
    public static CicdSettings? Read(Func<string, object?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var repo = Text(get(GithubRepoKey));
        var environment = Text(get(GithubEnvironmentKey));
        var provider = Text(get(GithubOidcProviderKey));
        var errors = new List<string>();

        if (repo is null)
        {
            if (environment is null && provider is null)
            {
                return null;
            }

            errors.Add($"'{GithubRepoKey}' is missing but '{GithubEnvironmentKey}' or '{GithubOidcProviderKey}' is given; allowed: {RepoForm}.");
        }
        else if (!RepoPattern().IsMatch(repo))
        {
            errors.Add($"'{GithubRepoKey}' is '{repo}'; allowed: {RepoForm}.");
        }

        if (environment is not null && !EnvironmentPattern().IsMatch(environment))
        {
            errors.Add($"'{GithubEnvironmentKey}' is '{environment}'; allowed: a GitHub environment name of letters, digits, '-', '_' and '.' " +
                       $"(default {DefaultEnvironment}).");
        }

        if (provider is not null && provider is not ("create" or "existing"))
        {
            errors.Add($"'{GithubOidcProviderKey}' is '{provider}'; allowed: create (default: the stack creates the account's GitHub OIDC provider) " +
                       "or existing (the account has one already).");
        }

        if (errors.Count > 0)
        {
            throw new LabContextException(errors);
        }

        return new CicdSettings
        {
            GithubRepo = repo!,
            Environment = environment ?? DefaultEnvironment,
            CreateOidcProvider = provider != "existing",
        };
    }

    private static string? Text(object? raw) => raw switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.ToString(),
    };

    // GitHub: owners are 1-39 letters, digits or single hyphens; repository names letters, digits, '-', '_', '.' (not '.' or '..').
    // The immutable form carries both numeric ids or neither.
    [GeneratedRegex(@"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}(?<org>@[0-9]+)?/(?!\.\.?(@|$))[A-Za-z0-9._-]{1,100}(?(org)@[0-9]+)$")]
    private static partial Regex RepoPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,255}$")]
    private static partial Regex EnvironmentPattern();
}
