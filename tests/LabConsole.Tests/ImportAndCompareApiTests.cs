using TracingLab.LabConsole.Tests.Support;

namespace TracingLab.LabConsole.Tests;

public class ImportAndCompareApiTests
{
    [Fact]
    public async Task AnImportIsListedAsFromXRayAndSeenInTheDashboard()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        var imported = await console.PostJsonAsync("/api/xray/import", XRayExport.Write(await XRayExport.DocumentsAsync(console, hops.OtelTraceId)));
        var (status, list, text) = await console.GetAsync("/api/xray/traces");

        Assert.True(imported.Status == 200, $"import: expected 200, got {imported.Status}: {imported.Text}");
        Assert.True(status == 200, $"list: expected 200, got {status}: {text}");
        var trace = list!["data"]!.AsArray().Single()!;
        Assert.Equal(hops.XRayTraceId, (string?)trace["id"]);
        Assert.Equal("X-Ray import", (string?)trace["origin"]);
        Assert.Equal(LabHops.SpanCount, (int)trace["segments"]!);
        Assert.True((bool?)trace["storedLocally"] == true, $"the dashboard's copy should be seen: {trace.ToJsonString()}");
    }

    [Fact]
    public async Task CompareOfTheLabsOwnTranslationPassesAndAFlippedFaultFails()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var same = new LabHops();
        var changed = new LabHops();
        dashboard.Add(same.Request());
        dashboard.Add(changed.Request());
        await ImportAsync(console, XRayExport.Write(await XRayExport.DocumentsAsync(console, same.OtelTraceId)));
        var documents = await XRayExport.DocumentsAsync(console, changed.OtelTraceId);
        XRayExport.ById(documents, 0xb1)["fault"] = true;
        XRayExport.Shift(XRayExport.ById(documents, 0xa2), 50);
        await ImportAsync(console, XRayExport.Write(documents));

        var pass = await console.GetAsync($"/api/compare/{same.XRayTraceId}");
        var fail = await console.GetAsync($"/api/compare/{changed.OtelTraceId}");
        var lenient = await console.GetAsync($"/api/compare/{changed.OtelTraceId}?maxTimingDeltaMs=60");

        Assert.True(pass.Status == 200 && (bool)pass.Body!["passed"]!, $"expected a pass: {pass.Text}");
        Assert.Equal(LabHops.SpanCount, pass.Body["matches"]!.AsArray().Count);
        Assert.True(fail.Status == 200 && !(bool)fail.Body!["passed"]!, $"expected a failure: {fail.Text}");
        var differences = fail.Body["differences"]!.AsArray().Select(d => d!).ToList();
        Assert.Contains(differences, d => (string?)d["kind"] == "Fault" && (string?)d["localId"] == LabHops.SpanIdHex(0xb1));
        Assert.Contains(differences, d => (string?)d["kind"] == "StartTime" && (bool)d["exceedsTolerance"]!);
        Assert.DoesNotContain(lenient.Body!["differences"]!.AsArray(), d => (string?)d!["kind"] == "StartTime" && (bool)d["exceedsTolerance"]!);
    }

    [Fact]
    public async Task CompareWithoutAnImportOrWithoutTheDashboardsTraceIs404SayingWhichSideIsMissing()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var hops = new LabHops();
        dashboard.Add(hops.Request());
        var export = XRayExport.Write(await XRayExport.DocumentsAsync(console, hops.OtelTraceId));
        var other = new LabHops();

        var noImport = await console.GetAsync($"/api/compare/{hops.OtelTraceId}");
        await ImportAsync(console, export.Replace(hops.XRayTraceId, other.XRayTraceId, StringComparison.Ordinal));
        var noLocal = await console.GetAsync($"/api/compare/{other.XRayTraceId}");

        Assert.True(noImport.Status == 404, $"expected 404, got {noImport.Status}: {noImport.Text}");
        Assert.Contains("no X-Ray import holds this trace id", (string?)noImport.Body!["detail"], StringComparison.Ordinal);
        Assert.True(noLocal.Status == 404, $"expected 404, got {noLocal.Status}: {noLocal.Text}");
        Assert.Contains("the Aspire dashboard holds no trace", (string?)noLocal.Body!["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("no X-Ray import", (string?)noLocal.Body["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"Traces\": [{\"Id\": \"1-abc\", \"Segments\": []}]}", "$.Traces[0].Id")]
    [InlineData("{\"Traces\": 7}", "$.Traces")]
    [InlineData("not json", "$")]
    public async Task MalformedImportIsA400NamingTheJsonPath(string body, string path)
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);

        var bad = await console.PostJsonAsync("/api/xray/import", body);

        Assert.True(bad.Status == 400, $"expected 400, got {bad.Status}: {bad.Text}");
        Assert.StartsWith(path, (string?)bad.Body!["path"], StringComparison.Ordinal);
    }

    private static async Task ImportAsync(TestConsole console, string export)
    {
        var (status, _, text) = await console.PostJsonAsync("/api/xray/import", export);
        Assert.True(status == 200, $"import: expected 200, got {status}: {text}");
    }
}
