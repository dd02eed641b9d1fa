using System.Diagnostics;

namespace TracingLab.Deploy.Tests;

public class ProgramTests
{
    [Fact]
    public async Task BogusLinksMakeTheAppExitNonZeroListingTheAllowedLinks()
    {
        var error = await RefusedBy("links=bogus");
        Assert.Contains("'links' has 'bogus'", error);
        Assert.Contains("tgw, peering, privatelink", error);
    }

    [Fact]
    public async Task BogusTraceExportMakesTheAppExitNonZeroNamingOtlpAndAwsXRay()
    {
        var error = await RefusedBy("traceExport=bogus");
        Assert.Contains("'traceExport' is 'bogus'", error);
        Assert.Contains("otlp or awsxray", error);
    }

    /// <summary>Runs the app with one bad context value; asserts exit code 1 and no template; returns stderr.</summary>
    private static async Task<string> RefusedBy(string context)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Deploy.Cdk.dll");
        Assert.True(File.Exists(dll), $"expected the app next to the tests at {dll}");
        var outDir = Directory.CreateTempSubdirectory("tracinglab-bogus-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [dll, "-c", context])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                Environment = { ["CDK_OUTDIR"] = outDir },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            var error = await stderr;
            Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}; stderr: {error}; stdout: {await stdout}");
            Assert.False(File.Exists(Path.Combine(outDir, "TracingLab.template.json")), "nothing is synthesized on bad context");
            return error;
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
