using System.IO.Compression;
using System.Text.Json.Nodes;
using TracingLab.LabConsole.Tests.Support;
using TracingLab.TraceCompare;

namespace TracingLab.LabConsole.Tests;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tracinglab-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LocalSideFromTheRunningDashboardPassesAndExitsZero()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        var (json, hops) = await ExportAsync(dashboard, perturb: null);

        var (exit, output, errors) = await RunAsync(FakeAspireDashboard.ApiKey, "--local", dashboard.Url.ToString(), "--xray", json);

        Assert.True(exit == 0, $"expected exit 0, got {exit}\n{output}\n{errors}");
        Assert.Contains(hops.XRayTraceId, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSideFromTheDashboardsExportZipFindsDifferencesAndExitsOne()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        var (json, hops) = await ExportAsync(dashboard, documents => XRayExport.ById(documents, 0xb1)["fault"] = true);
        var zip = Path.Combine(_dir, "telemetry.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            // One traces/<resource>.json per resource, as the Aspire dashboard's export writes it.
            foreach (var rs in hops.Request().ResourceSpans)
            {
                var one = new Otlp.Collector.Trace.V1.ExportTraceServiceRequest { ResourceSpans = { rs } };
                var name = rs.Resource.Attributes.Single(a => a.Key == "service.name").Value.StringValue;
                await using var writer = new StreamWriter(archive.CreateEntry($"traces/{name}.json").Open());
                await writer.WriteAsync(AspireShape.ResourceSpans(one).ToJsonString());
            }
        }

        var (exit, output, errors) = await RunAsync(null, "--local", zip, "--xray", json);

        Assert.True(exit == 1, $"expected exit 1, got {exit}\n{output}\n{errors}");
        Assert.Contains("Fault", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(new[] { "--xray", "x.json" }, "--local <url|export.zip> is required")]
    [InlineData(new[] { "--local", "MISSING.zip", "--xray", "MISSING.json" }, "--local 'MISSING.zip'")]
    [InlineData(new[] { "--local", "a.zip", "--xray", "b.json", "--max-timing-delta-ms", "fast" }, "--max-timing-delta-ms 'fast' is not allowed")]
    [InlineData(new[] { "--local", "a.zip", "--xray", "b.json", "--trace-id", "nope" }, "--trace-id 'nope' is not a trace id")]
    [InlineData(new[] { "--locl", "a.zip" }, "unknown flag '--locl'; allowed: --local")]
    public async Task BadArgumentsExitTwoNamingTheFlagAndValue(string[] args, string expected)
    {
        var (exit, output, errors) = await RunAsync(null, args);

        Assert.True(exit == 2, $"expected exit 2, got {exit}\n{output}\n{errors}");
        Assert.Contains(expected, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATraceTheDashboardLacksOrAWrongKeyExitsTwoNamingTheFlag()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        var (json, hops) = await ExportAsync(dashboard, perturb: null);
        await using var empty = await FakeAspireDashboard.StartAsync();

        var (missing, _, missingErrors) = await RunAsync(FakeAspireDashboard.ApiKey, "--local", empty.Url.ToString(), "--xray", json);
        var (refused, _, refusedErrors) = await RunAsync(null, "--local", dashboard.Url.ToString(), "--xray", json, "--api-key", "wrong");

        Assert.True(missing == 2, $"expected exit 2, got {missing}\n{missingErrors}");
        Assert.Contains($"trace {hops.XRayTraceId} of --xray", missingErrors, StringComparison.Ordinal);
        Assert.True(refused == 2, $"expected exit 2, got {refused}\n{refusedErrors}");
        Assert.Contains("LabConsole:ApiKey", refusedErrors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpSaysWhereTheLocalSideComesFrom()
    {
        var (exit, output, _) = await RunAsync(null, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Aspire dashboard", output, StringComparison.Ordinal);
        Assert.Contains("traces/*.json", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string? apiKey, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await CompareCommand.RunAsync(args, apiKey, output, errors).WaitAsync(TestConsole.Timeout);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>A lab trace in the fake dashboard, and an X-Ray export of the console's own translation of it.</summary>
    private async Task<(string Json, LabHops Hops)> ExportAsync(FakeAspireDashboard dashboard, Action<List<JsonObject>>? perturb)
    {
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var hops = new LabHops();
        dashboard.Add(hops.Request());
        var documents = await XRayExport.DocumentsAsync(console, hops.OtelTraceId);
        perturb?.Invoke(documents);
        var json = Path.Combine(_dir, "batch-get-traces.json");
        await File.WriteAllTextAsync(json, XRayExport.Write(documents));
        return (json, hops);
    }
}
