using System.Text.Json.Nodes;

namespace TracingLab.Dashboard.XRay.Tests;

public class ImportApiTests
{
    [Fact]
    public async Task BatchGetTracesOutputIsStoredAndListedAsFromXRay()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var export = XRayExport.Write(await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId));

        var imported = await dashboard.PostJsonAsync("/api/xray/import", export);
        var (status, list, text) = await dashboard.GetAsync("/api/xray/traces");

        Assert.True(imported.Status == 200, $"import: expected 200, got {imported.Status}: {imported.Text}");
        Assert.Equal(1, (int)imported.Body!["traces"]!);
        Assert.True(status == 200, $"list: expected 200, got {status}: {text}");
        var trace = list!["data"]!.AsArray().Single()!;
        Assert.Equal(hops.XRayTraceId, (string?)trace["id"]);
        Assert.Equal("X-Ray import", (string?)trace["origin"]);
        Assert.Equal(LabHops.SpanCount, (int)trace["segments"]!);
        Assert.True((bool)trace["storedLocally"]!, $"the local copy should be seen: {trace.ToJsonString()}");
    }

    [Fact]
    public async Task GetTraceSummariesOutputIsListed()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var id = new LabHops().XRayTraceId;
        var summaries = new JsonObject
        {
            ["TraceSummaries"] = new JsonArray(new JsonObject { ["Id"] = id, ["Duration"] = 0.04, ["HasFault"] = false }),
        }.ToJsonString();

        var imported = await dashboard.PostJsonAsync("/api/xray/import", summaries);
        var (_, list, text) = await dashboard.GetAsync("/api/xray/traces");

        Assert.True(imported.Status == 200, $"import: expected 200, got {imported.Status}: {imported.Text}");
        var trace = list!["data"]!.AsArray().Single()!;
        Assert.Equal(id, (string?)trace["id"]);
        Assert.True((bool)trace["hasSummary"]!, text);
        Assert.Equal(0, (int)trace["segments"]!);
    }

    [Theory]
    [InlineData("{\"Traces\": [{\"Id\": \"1-abc\", \"Segments\": []}]}", "$.Traces[0].Id")]
    [InlineData("{\"Traces\": 7}", "$.Traces")]
    [InlineData("not json", "$")]
    public async Task MalformedImportIsRejectedWith400NamingTheJsonPathAndKeepsWhatWasStored(string body, string path)
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var good = await dashboard.PostJsonAsync("/api/xray/import", XRayExport.Write(await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId)));
        Assert.True(good.Status == 200, $"first import: {good.Status} {good.Text}");

        var bad = await dashboard.PostJsonAsync("/api/xray/import", body);
        var (_, list, text) = await dashboard.GetAsync("/api/xray/traces");

        Assert.True(bad.Status == 400, $"expected 400, got {bad.Status}: {bad.Text}");
        Assert.StartsWith(path, (string?)bad.Body!["path"], StringComparison.Ordinal);
        Assert.Contains(path, (string?)bad.Body["detail"], StringComparison.Ordinal);
        var trace = list!["data"]!.AsArray().Single()!;
        Assert.True((string?)trace["id"] == hops.XRayTraceId && (int)trace["segments"]! == LabHops.SpanCount, $"stored import changed: {text}");
    }

    [Fact]
    public async Task BadDocumentInsideAnImportNamesThePathIntoTheDocument()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var documents = await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId);
        documents[0]["start_time"] = "soon";

        var bad = await dashboard.PostJsonAsync("/api/xray/import", XRayExport.Write(documents));
        var (_, list, _) = await dashboard.GetAsync("/api/xray/traces");

        Assert.True(bad.Status == 400, $"expected 400, got {bad.Status}: {bad.Text}");
        Assert.EndsWith(".Document.start_time", (string?)bad.Body!["path"], StringComparison.Ordinal);
        Assert.Contains("soon", (string?)bad.Body["detail"], StringComparison.Ordinal);
        Assert.Empty(list!["data"]!.AsArray());
    }
}
