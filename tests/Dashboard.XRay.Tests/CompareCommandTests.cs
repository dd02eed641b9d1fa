namespace TracingLab.Dashboard.XRay.Tests;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracinglab-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task CompareCommandPassesOnTheLabsOwnExportAndExitsZero()
    {
        var (zip, json, hops) = await RunAndExportAsync(perturb: null);

        var (exit, output, errors) = await RunAsync("--local", zip, "--xray", json);

        Assert.True(exit == 0, $"expected exit 0, got {exit}\n{output}\n{errors}");
        Assert.Contains(hops.XRayTraceId, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareCommandExitsOneWhenDifferencesExceedTheTolerance()
    {
        var (zip, json, hops) = await RunAndExportAsync(documents =>
        {
            XRayExport.Shift(XRayExport.ById(documents, 0xa2), 50);
            XRayExport.ById(documents, 0xb1)["fault"] = true;
        });

        var (exit, output, errors) = await RunAsync("--local", zip, "--xray", json, "--trace-id", hops.OtelTraceId);
        var (lenientExit, lenientOutput, _) = await RunAsync("--local", zip, "--xray", json, "--max-timing-delta-ms", "60");

        Assert.True(exit == 1, $"expected exit 1, got {exit}\n{output}\n{errors}");
        Assert.Contains("Fault", output, StringComparison.OrdinalIgnoreCase);
        Assert.True(lenientExit == 1, $"the fault still fails with a 60 ms timing tolerance, got {lenientExit}\n{lenientOutput}");
    }

    [Fact]
    public async Task TimingToleranceFlagForgivesAShift()
    {
        var (zip, json, _) = await RunAndExportAsync(documents => XRayExport.Shift(XRayExport.ById(documents, 0xa2), 50));

        var (strict, _, _) = await RunAsync("--local", zip, "--xray", json);
        var (lenient, output, errors) = await RunAsync("--local", zip, "--xray", json, "--max-timing-delta-ms", "60");

        Assert.Equal(1, strict);
        Assert.True(lenient == 0, $"expected exit 0 with --max-timing-delta-ms 60, got {lenient}\n{output}\n{errors}");
    }

    [Theory]
    [InlineData(new[] { "--xray", "x.json" }, "--local <run.zip> is required")]
    [InlineData(new[] { "--local", "MISSING.zip", "--xray", "MISSING.json" }, "--local 'MISSING.zip'")]
    [InlineData(new[] { "--local", "a.zip", "--xray", "b.json", "--max-timing-delta-ms", "fast" }, "--max-timing-delta-ms 'fast' is not allowed")]
    [InlineData(new[] { "--local", "a.zip", "--xray", "b.json", "--trace-id", "nope" }, "--trace-id 'nope' is not a trace id")]
    [InlineData(new[] { "--locl", "a.zip" }, "unknown flag '--locl'; allowed: --local")]
    public async Task BadArgumentsExitTwoNamingTheFlagAndValue(string[] args, string expected)
    {
        var (exit, output, errors) = await RunAsync(args);

        Assert.True(exit == 2, $"expected exit 2, got {exit}\n{output}\n{errors}");
        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedXRayFileExitsTwoNamingTheJsonPath()
    {
        var (zip, _, _) = await RunAndExportAsync(perturb: null);
        var bad = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(bad, "{\"Traces\": [{\"Id\": 5}]}");

        var (exit, _, errors) = await RunAsync("--local", zip, "--xray", bad);

        Assert.True(exit == 2, $"expected exit 2, got {exit}\n{errors}");
        Assert.Contains("$.Traces[0].Id", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalFileThatIsNotARunExportExitsTwo()
    {
        var (_, json, _) = await RunAndExportAsync(perturb: null);
        var notZip = Path.Combine(_dir, "run.zip");
        await File.WriteAllTextAsync(notZip, "hello");

        var (exit, _, errors) = await RunAsync("--local", notZip, "--xray", json);

        Assert.True(exit == 2, $"expected exit 2, got {exit}\n{errors}");
        Assert.Contains($"--local '{notZip}' cannot be read as a dashboard run export", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareIsDispatchedAsASubCommandOfTheDashboardCommandLine()
    {
        Cli.DashboardCommandLine.Commands[XRayCompareCommand.Name] = XRayCompareCommand.RunAsync;

        var exit = await Cli.DashboardCommandLine.RunAsync(["compare", "--help"]).WaitAsync(XRayDashboard.Timeout);

        Assert.Equal(0, exit);
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await XRayCompareCommand.RunAsync(args, output, errors).WaitAsync(XRayDashboard.Timeout);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>A lab trace through a real dashboard: its run export (zip) and an X-Ray export of its own translation.</summary>
    private async Task<(string Zip, string Json, LabHops Hops)> RunAndExportAsync(Action<List<System.Text.Json.Nodes.JsonObject>>? perturb)
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var documents = await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId);
        perturb?.Invoke(documents);
        var zip = Path.Combine(_dir, "run.zip");
        var json = Path.Combine(_dir, "batch-get-traces.json");
        var bytes = await dashboard.Api.GetByteArrayAsync(new Uri("/api/telemetry/export", UriKind.Relative)).WaitAsync(XRayDashboard.Timeout);
        await File.WriteAllBytesAsync(zip, bytes);
        await File.WriteAllTextAsync(json, XRayExport.Write(documents));
        return (zip, json, hops);
    }
}
