using System.Text.Json;
using Amazon.CDK;
using TracingLab.Deploy.Cicd;

namespace TracingLab.Deploy.Tests;

/// <summary>Synthesizes the TracingLab-Cicd stack twice in one App: a new OIDC provider in a known account, and the existing one.</summary>
public sealed class CicdSynthFixture : IDisposable
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-3";

    public CicdSynthFixture()
    {
        OutDir = Directory.CreateTempSubdirectory("tracinglab-cicd-").FullName;
        var app = new App(new AppProps { Outdir = OutDir });
        var created = Add("Cicd-created", new CicdSettings { GithubRepo = "acme/tracinglab" }, new Amazon.CDK.Environment { Account = Account, Region = Region });
        var existing = Add("Cicd-existing", new CicdSettings { GithubRepo = "acme@1234/tracinglab@98765", CreateOidcProvider = false },
            new Amazon.CDK.Environment { Region = "us-east-1" });
        var assembly = app.Synth();
        Created = Load(created);
        Existing = Load(existing);

        CicdStack Add(string id, CicdSettings settings, Amazon.CDK.Environment env) =>
            new(app, id, new CicdStackProps { Settings = settings, Env = env });

        LabTemplate Load(Stack stack)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(assembly.Directory, stack.TemplateFile)));
            return new LabTemplate(doc.RootElement.Clone());
        }
    }

    public string OutDir { get; }

    /// <summary>acme/tracinglab, provider created, account 123456789012 in eu-west-3.</summary>
    public LabTemplate Created { get; }

    /// <summary>The immutable-claim form of the repository, existing provider, account-agnostic in us-east-1.</summary>
    public LabTemplate Existing { get; }

    public void Dispose() => Directory.Delete(OutDir, recursive: true);
}

// jsii is one runtime per process: synthesize in the same collection as the lab stacks, never beside them.
[Collection(SynthCollection.Name)]
public class CicdStackTests(CicdSynthFixture cicd) : IClassFixture<CicdSynthFixture>
{
    private static string BootstrapRole(string kind) =>
        $"arn:aws:iam::{CicdSynthFixture.Account}:role/cdk-hnb659fds-{kind}-role-{CicdSynthFixture.Account}-{CicdSynthFixture.Region}";

    [Fact]
    public void TrustPoliciesAreExactlyTheGithubIssuerTheStsAudienceAndOneSubject()
    {
        var provider = Assert.Single(cicd.Created.Resources("AWS::IAM::OIDCProvider")).Key;
        Assert.Equal(Trust(provider, "repo:acme/tracinglab:pull_request"), TrustOf(cicd.Created, CicdStack.PlanRoleName));
        Assert.Equal(Trust(provider, "repo:acme/tracinglab:environment:aws-lab"), TrustOf(cicd.Created, CicdStack.DeployRoleName));
        Assert.Equal(
            Trust(null, "repo:acme@1234/tracinglab@98765:environment:aws-lab"),
            TrustOf(cicd.Existing, CicdStack.DeployRoleName).Replace(
                """{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::",{"Ref":"AWS::AccountId"},":oidc-provider/token.actions.githubusercontent.com"]]}""",
                "null", StringComparison.Ordinal));
    }

    [Fact]
    public void CreatedProviderIsGithubsIssuerForTheStsAudienceOnly()
    {
        var props = LabTemplate.Props(Assert.Single(cicd.Created.Resources("AWS::IAM::OIDCProvider")).Value);
        Assert.Equal("https://token.actions.githubusercontent.com", LabTemplate.Str(props, "Url"));
        Assert.Equal(["sts.amazonaws.com"], props.GetProperty("ClientIdList").EnumerateArray().Select(c => c.GetString()));
        Assert.Empty(cicd.Existing.Resources("AWS::IAM::OIDCProvider"));
    }

    [Fact]
    public void EveryStatementAllowsNamedActionsAndNoneIsAnIamAction()
    {
        foreach (var template in new[] { cicd.Created, cicd.Existing })
        {
            Assert.All(template.Resources("AWS::IAM::Role").Values, role => Assert.False(LabTemplate.Props(role).TryGetProperty("ManagedPolicyArns", out _)));
            foreach (var statement in Statements(template).SelectMany(s => s.Value))
            {
                Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
                Assert.All(Actions(statement), a => Assert.False(a.Contains('*', StringComparison.Ordinal) || a.StartsWith("iam:", StringComparison.Ordinal), a));
            }
        }
    }

    [Fact]
    public void RolesAssumeOnlyTheCdkBootstrapRolesOfTheirOwnAccountAndRegion()
    {
        var statements = Statements(cicd.Created);
        Assert.Equal([BootstrapRole("lookup")], AssumedBy(statements[CicdStack.PlanRoleName]));
        Assert.Equal(
            new[] { "deploy", "file-publishing", "image-publishing", "lookup" }.Select(BootstrapRole),
            AssumedBy(statements[CicdStack.DeployRoleName]));
    }

    [Fact]
    public void PlanRoleCanDoNothingButAssumeTheLookupRole()
    {
        var plan = Statements(cicd.Created)[CicdStack.PlanRoleName];
        Assert.Equal(["sts:AssumeRole"], plan.SelectMany(Actions));
    }

    [Fact]
    public void DeployRoleAddsOnlyImagePushToTheLabRepositoriesAndStartingTheManifestApplier()
    {
        var deploy = Statements(cicd.Created)[CicdStack.DeployRoleName].Where(s => !Actions(s).Contains("sts:AssumeRole")).ToList();
        var byResource = deploy.SelectMany(s => Resources(s).Select(r => (Resource: r, Actions: Actions(s)))).ToList();
        Assert.Equal(["ecr:GetAuthorizationToken"], byResource.Single(r => r.Resource == "*").Actions);
        Assert.Equal(["codebuild:StartBuild", "codebuild:BatchGetBuilds"],
            byResource.Single(r => r.Resource.EndsWith(":project/" + Kubernetes.ManifestApplier.ProjectName, StringComparison.Ordinal)).Actions);
        Assert.DoesNotContain(deploy.SelectMany(Actions), a => a.StartsWith("eks:", StringComparison.Ordinal));
        var repositories = byResource.Where(r => r.Resource.Contains(":repository/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [.. new[] { "servicea", "serviceb", "servicec" }.Select(s => $"arn:aws:ecr:{CicdSynthFixture.Region}:{CicdSynthFixture.Account}:repository/tracinglab/{s}")],
            repositories.Select(r => r.Resource));
        Assert.All(repositories, r => Assert.Equal(
            ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"],
            r.Actions));
        Assert.Equal(byResource.Count, repositories.Count + 2);
    }

    [Fact]
    public async Task CicdTemplatesHaveZeroUnsuppressedCdkNagErrors()
    {
        var nag = NodeScript.InRepository("tests", "cdk-harness", "nag", "nag.js");
        NodeScript.AssertInstalled(Path.GetDirectoryName(nag)!, "cdk-nag");
        var (exitCode, output) = await NodeScript.RunAsync(nag, [cicd.OutDir], TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"cdk-nag exit code {exitCode}:\n{output}");
        Assert.Contains("2 template(s), 0 unsuppressed error(s)", output);
    }

    private static string Trust(string? providerLogicalId, string subject) => JsonSerializer.Serialize(new
    {
        Statement = new[]
        {
            new
            {
                Action = "sts:AssumeRoleWithWebIdentity",
                Condition = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, string>
                    {
                        ["token.actions.githubusercontent.com:aud"] = "sts.amazonaws.com",
                        ["token.actions.githubusercontent.com:sub"] = subject,
                    },
                },
                Effect = "Allow",
                Principal = new { Federated = providerLogicalId is null ? null : new Dictionary<string, string> { ["Ref"] = providerLogicalId } },
            },
        },
        Version = "2012-10-17",
    });

    /// <summary>A role's trust policy as compact JSON.</summary>
    private static string TrustOf(LabTemplate template, string roleName) => JsonSerializer.Serialize(template.Resources("AWS::IAM::Role").Values
        .Select(LabTemplate.Props)
        .Single(p => LabTemplate.Str(p, "RoleName") == roleName)
        .GetProperty("AssumeRolePolicyDocument"));

    /// <summary>The statements of every policy, by the name of the role it is attached to.</summary>
    private static Dictionary<string, List<JsonElement>> Statements(LabTemplate template)
    {
        var roleNames = template.Resources("AWS::IAM::Role").ToDictionary(r => r.Key, r => LabTemplate.Str(LabTemplate.Props(r.Value), "RoleName")!);
        return template.Resources("AWS::IAM::Policy").Values.Select(LabTemplate.Props)
            .GroupBy(p => roleNames[LabTemplate.Target(Assert.Single(p.GetProperty("Roles").EnumerateArray()))])
            .ToDictionary(g => g.Key, g => g.SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()).ToList());
    }

    private static List<string> AssumedBy(List<JsonElement> statements) =>
        statements.Where(s => Actions(s).Contains("sts:AssumeRole")).SelectMany(Resources).ToList();

    private static List<string> Actions(JsonElement statement) => Strings(statement.GetProperty("Action"));

    /// <summary>Resources as ARNs, with the partition resolved (the fixture's account and region are literal).</summary>
    private static List<string> Resources(JsonElement statement) =>
        Strings(statement.GetProperty("Resource")).Select(r => r.Replace("AWS::Partition", "aws", StringComparison.Ordinal)).ToList();

    private static List<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select(LabTemplate.Flatten).ToList()
        : [LabTemplate.Flatten(value)];
}
