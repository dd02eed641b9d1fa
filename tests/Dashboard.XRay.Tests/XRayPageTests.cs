namespace TracingLab.Dashboard.XRay.Tests;

public class XRayPageTests
{
    [Fact]
    public async Task XRayPageShowsTheSegmentsTimelineMapAndSideBySideCompare()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        var documents = await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId);
        XRayExport.ById(documents, 0xb1)["fault"] = true;
        var imported = await dashboard.PostJsonAsync("/api/xray/import", XRayExport.Write(documents));
        Assert.True(imported.Status == 200, imported.Text);

        var (status, _, html) = await dashboard.GetAsync($"/xray/{hops.OtelTraceId}");

        Assert.True(status == 200, $"expected 200, got {status}: {html[..Math.Min(500, html.Length)]}");
        foreach (var marker in new[] { "data-testid=\"xray-local\"", "data-testid=\"xray-imported\"", "data-testid=\"xray-timeline\"", "data-testid=\"xray-map\"", "data-testid=\"xray-compare\"", "data-testid=\"xray-file\"" })
        {
            Assert.True(html.Contains(marker, StringComparison.Ordinal), $"the page lacks {marker}");
        }

        Assert.Contains("AWS::EKS::Container", html, StringComparison.Ordinal);
        Assert.Contains("lab_link=privatelink", html, StringComparison.Ordinal);
        Assert.Contains("differences beyond tolerance", html, StringComparison.Ordinal);
        Assert.Contains(">Fault<", html, StringComparison.Ordinal);
        Assert.Equal(2 * LabHops.SpanCount, CountOf(html, "data-testid=\"xray-row\""));
    }

    [Fact]
    public async Task XRayIndexListsImportsMarkedAsFromXRayAndTheNavLinksToIt()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());
        await dashboard.PostJsonAsync("/api/xray/import", XRayExport.Write(await XRayExport.DocumentsAsync(dashboard, hops.OtelTraceId)));

        var (status, _, html) = await dashboard.GetAsync("/xray");

        Assert.Equal(200, status);
        Assert.Contains($"href=\"xray/{hops.XRayTraceId}\"", html, StringComparison.Ordinal);
        Assert.Contains("X-Ray import", html, StringComparison.Ordinal);
        Assert.Contains("href=\"xray\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceDetailPageLinksToTheXRayView()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());

        var (status, _, html) = await dashboard.GetAsync($"/traces/{hops.OtelTraceId}");

        Assert.Equal(200, status);
        Assert.Contains($"href=\"xray/{hops.OtelTraceId}\"", html, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
