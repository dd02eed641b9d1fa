using System.Text.Json.Nodes;

namespace TracingLab.Dashboard.XRay.Tests;

public class CompareApiTests
{
    [Fact]
    public async Task CompareOfAnExportFromTheLabsOwnTranslationPasses()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        await ImportAsync(dashboard, XRayExport.Write(await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId)));

        var (status, report, text) = await dashboard.GetAsync($"/api/compare/{hops.OtelTraceId}");

        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        Assert.True((bool)report!["passed"]!, $"expected a pass: {text}");
        Assert.Equal(LabHops.SpanCount, report["matches"]!.AsArray().Count);
        Assert.Empty(report["differences"]!.AsArray());
    }

    [Fact]
    public async Task CompareReportsADroppedSegmentAFlippedFaultAndShiftedTiming()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var documents = await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId);
        documents.Remove(XRayExport.ById(documents, 0xc2));
        XRayExport.ById(documents, 0xb1)["fault"] = true;
        XRayExport.Shift(XRayExport.ById(documents, 0xa2), 50);
        await ImportAsync(dashboard, XRayExport.Write(documents));

        var (status, report, text) = await dashboard.GetAsync($"/api/compare/{hops.XRayTraceId}");

        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        Assert.False((bool)report!["passed"]!, $"expected a failure: {text}");
        var differences = report["differences"]!.AsArray().Select(d => d!).ToList();
        Assert.Contains(differences, d => (string?)d["kind"] == "MissingInXRay" && (string?)d["localId"] == LabHops.SpanIdHex(0xc2));
        Assert.Contains(differences, d => (string?)d["kind"] == "Fault" && (string?)d["localId"] == LabHops.SpanIdHex(0xb1));
        var shifted = differences.Single(d => (string?)d["kind"] == "StartTime" && (string?)d["localId"] == LabHops.SpanIdHex(0xa2));
        Assert.True((bool)shifted["exceedsTolerance"]!, shifted.ToJsonString());
        Assert.Contains("50", (string?)shifted["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimingToleranceFromTheQueryForgivesTheShift()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var documents = await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId);
        XRayExport.Shift(XRayExport.ById(documents, 0xa2), 50);
        await ImportAsync(dashboard, XRayExport.Write(documents));

        var strict = await dashboard.GetAsync($"/api/compare/{hops.OtelTraceId}");
        var lenient = await dashboard.GetAsync($"/api/compare/{hops.OtelTraceId}?maxTimingDeltaMs=60");

        Assert.False((bool)strict.Body!["passed"]!, strict.Text);
        Assert.True((bool)lenient.Body!["passed"]!, lenient.Text);
    }

    [Fact]
    public async Task CompareWithoutAnImportOrAWithoutLocalTraceIs404SayingWhichSideIsMissing()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var export = XRayExport.Write(await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId));

        var noImport = await dashboard.GetAsync($"/api/compare/{hops.OtelTraceId}");
        var other = new LabHops();
        await ImportAsync(dashboard, export.Replace(hops.XRayTraceId, other.XRayTraceId, StringComparison.Ordinal));
        var noLocal = await dashboard.GetAsync($"/api/compare/{other.XRayTraceId}");

        Assert.True(noImport.Status == 404, $"expected 404, got {noImport.Status}: {noImport.Text}");
        Assert.Contains("no X-Ray import holds this trace id", (string?)noImport.Body!["detail"], StringComparison.Ordinal);
        Assert.True(noLocal.Status == 404, $"expected 404, got {noLocal.Status}: {noLocal.Text}");
        Assert.Contains("no local trace", (string?)noLocal.Body!["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("no X-Ray import", (string?)noLocal.Body["detail"], StringComparison.Ordinal);
    }

    private static async Task ImportAsync(XRayDashboard dashboard, string export)
    {
        var (status, _, text) = await dashboard.PostJsonAsync("/api/xray/import", export);
        Assert.True(status == 200, $"import: expected 200, got {status}: {text}");
    }
}
