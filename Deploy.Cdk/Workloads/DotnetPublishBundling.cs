using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// Bundles a .NET project as a self-contained linux-x64 publish, locally (no Docker): CDK calls
/// <see cref="TryBundle"/> during synthesis for stacks it bundles, and zips the output as a file asset.
/// </summary>
public sealed class DotnetPublishBundling : DeputyBase, ILocalBundling
{
    private static readonly string[] RepositoryBuildFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    private readonly string _project;

    public DotnetPublishBundling(string project)
    {
        _project = project;
    }

    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        var start = new ProcessStartInfo("dotnet",
            ["publish", _project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=false", "-o", outputDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet publish {_project} failed with exit code {process.ExitCode}:{System.Environment.NewLine}{stdout.Result}{stderr.Result}");
        }

        return true;
    }

    /// <summary>
    /// A hash of everything the publish depends on (the project, the projects next to it it may reference, the
    /// repository's build props), so the asset changes exactly when the app can have changed.
    /// </summary>
    public static string SourceHash(string repositoryRoot, params string[] projectDirectories)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = projectDirectories
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(repositoryRoot, d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(RepositoryBuildFiles
                .Select(f => Path.Combine(repositoryRoot, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repositoryRoot, file).Replace('\\', '/')));
            sha.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
