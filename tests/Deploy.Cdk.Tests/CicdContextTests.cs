using TracingLab.Deploy.Cicd;
using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Tests;

public class CicdContextTests
{
    private static CicdSettings? Read(params (string Key, object Value)[] context) =>
        CicdContext.Read(key => context.FirstOrDefault(c => c.Key == key).Value);

    [Fact]
    public void WithoutGithubRepoTheCicdStackIsLeftOut() => Assert.Null(Read());

    [Theory]
    [InlineData("acme")]
    [InlineData("acme/")]
    [InlineData("/tracinglab")]
    [InlineData("-acme/tracinglab")]
    [InlineData("acme/tracinglab/extra")]
    [InlineData("acme/..")]
    [InlineData("acme@123/tracinglab")]
    [InlineData("https://github.com/acme/tracinglab")]
    [InlineData("acme/*")]
    public void MalformedGithubRepoIsRefusedNamingTheKeyTheValueAndTheForm(string repo)
    {
        var error = Assert.Throws<LabContextException>(() => Read(("githubRepo", repo)));
        var line = Assert.Single(error.Errors);
        Assert.Contains($"'githubRepo' is '{repo}'", line);
        Assert.Contains("owner/name", line);
    }

    [Theory]
    [InlineData("acme/tracinglab")]
    [InlineData("Acme-Labs/tracing.lab_2")]
    [InlineData("acme@1234/tracinglab@98765")]
    public void GithubRepoInEitherSubjectFormIsAccepted(string repo) => Assert.Equal(repo, Read(("githubRepo", repo))!.GithubRepo);

    [Fact]
    public void SubjectsAreThePullRequestAndTheEnvironmentClaimsOfTheRepository()
    {
        var settings = Read(("githubRepo", "acme/tracinglab"))!;
        Assert.Equal("repo:acme/tracinglab:pull_request", settings.PullRequestSubject);
        Assert.Equal("repo:acme/tracinglab:environment:aws-lab", settings.DeploySubject);
        Assert.True(settings.CreateOidcProvider);

        var custom = Read(("githubRepo", "acme/tracinglab"), ("githubEnvironment", "prod-lab"), ("githubOidcProvider", "existing"))!;
        Assert.Equal("repo:acme/tracinglab:environment:prod-lab", custom.DeploySubject);
        Assert.False(custom.CreateOidcProvider);
    }

    [Fact]
    public void OtherCicdKeysWithoutGithubRepoAreRefusedNamingGithubRepo()
    {
        var error = Assert.Throws<LabContextException>(() => Read(("githubEnvironment", "aws-lab")));
        Assert.Contains("'githubRepo' is missing", Assert.Single(error.Errors));
    }

    [Fact]
    public void EveryBadKeyIsReportedAtOnce()
    {
        var error = Assert.Throws<LabContextException>(() =>
            Read(("githubRepo", "acme"), ("githubEnvironment", "aws lab"), ("githubOidcProvider", "lookup")));
        Assert.Equal(3, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.Contains("'githubEnvironment' is 'aws lab'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("'githubOidcProvider' is 'lookup'; allowed: create", StringComparison.Ordinal));
    }
}
