using System.Diagnostics;

namespace TracingLab.Deploy.Tests;

/// <summary>Runs a Node.js script of the repository (the cdk-nag harness, the workflow linter) and collects its output.</summary>
public static class NodeScript
{
    /// <summary>A path under the repository root.</summary>
    public static string InRepository(params string[] parts) =>
        Path.Combine([Deploy.RepositoryRoot.Find(AppContext.BaseDirectory), .. parts]);

    /// <summary>Fails with the npm command to run when <paramref name="package"/> is not installed in <paramref name="dir"/>.</summary>
    public static void AssertInstalled(string dir, string package) =>
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", package)),
            $"{package} is not installed in {dir}/node_modules: run `npm ci --prefix {dir}` (./test.sh does) first.");

    /// <summary>Runs <c>node script args...</c> in the script's folder; stdout and stderr together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node", [script, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script),
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return (process.ExitCode, await stdout + await stderr);
    }
}
