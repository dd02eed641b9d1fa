using System.Diagnostics;

namespace TracingLab.Deploy.Tests;

/// <summary>Runs cdk-nag's AwsSolutions pack (npm harness in tests/cdk-harness/nag) over every synthesized variant.</summary>
[Collection(SynthCollection.Name)]
public class NagTests(LabSynthFixture lab)
{
    [Fact]
    public async Task EveryVariantHasZeroUnsuppressedCdkNagErrors()
    {
        var nagDir = FindHarnessDir("nag", "nag.js");
        Assert.True(Directory.Exists(Path.Combine(nagDir, "node_modules", "cdk-nag")),
            $"cdk-nag is not installed in {nagDir}/node_modules: run `npm ci --prefix tests/cdk-harness/nag` first.");

        var start = new ProcessStartInfo("node", [Path.Combine(nagDir, "nag.js"), lab.OutDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = nagDir,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"cdk-nag exit code {process.ExitCode}:\n{output}");
        Assert.Contains($"{Directory.GetFiles(lab.OutDir, "*.template.json").Length} template(s), 0 unsuppressed error(s)", output);
    }

    [Fact]
    public void SuppressionsOfRulesWithFindingsNameTheFindingsTheyCover()
    {
        foreach (var file in Directory.GetFiles(lab.OutDir, "*.template.json"))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            foreach (var resource in doc.RootElement.GetProperty("Resources").EnumerateObject())
            {
                if (!resource.Value.TryGetProperty("Metadata", out var md) || !md.TryGetProperty("cdk_nag", out var nag))
                {
                    continue;
                }

                foreach (var rule in nag.GetProperty("rules_to_suppress").EnumerateArray())
                {
                    var id = rule.GetProperty("id").GetString()!;
                    Assert.True(rule.GetProperty("reason").GetString()!.Length >= 10, $"{resource.Name}: {id} has no reason");
                    if (id is "AwsSolutions-IAM4" or "AwsSolutions-IAM5")
                    {
                        Assert.True(rule.TryGetProperty("applies_to", out var applies) && applies.GetArrayLength() > 0,
                            $"{Path.GetFileName(file)} {resource.Name}: {id} is suppressed rule-wide instead of per finding");
                    }
                }
            }
        }
    }

    /// <summary>Finds Deploy.Cdk/{folder} (an npm harness holding {file}) above the test binaries.</summary>
    public static string FindHarnessDir(string folder, string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "cdk-harness", folder);
            if (File.Exists(Path.Combine(candidate, file)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/cdk-harness/{folder}/{file} not found above {AppContext.BaseDirectory}");
    }
}
