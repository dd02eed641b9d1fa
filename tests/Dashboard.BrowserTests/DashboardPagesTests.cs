using System.Net;
using Microsoft.Playwright;

namespace TracingLab.Dashboard.BrowserTests;

public sealed class DashboardPagesTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Fact]
    public async Task LoggingInWithTheTokenShowsThreeHealthyResources()
    {
        var page = await lab.NewPageAsync();

        var rows = page.Locator("[data-testid=resource-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var names = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.resource)");
        var health = await page.Locator("[data-testid=resource-row] [data-testid=resource-health]").AllInnerTextsAsync();
        await page.Locator("[data-resource=servicea] >> text=Details").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=environment-table]");
        var env = await page.Locator("[data-testid=environment-table]").InnerTextAsync();
        await LabFixture.ScreenshotAsync(page, "01-resources");

        Assert.Equal(["servicea", "serviceb", "servicec"], names);
        Assert.All(health, h => Assert.Equal("Healthy", h.Trim()));
        Assert.Contains("OTEL_EXPORTER_OTLP_HEADERS", env, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-value", env, StringComparison.Ordinal);
        Assert.Contains("Application started.", await page.Locator("[data-testid=console]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HopsTraceWaterfallShowsSpansFromAllThreeServices()
    {
        var page = await lab.NewPageAsync();
        await lab.OpenAsync(page, "/traces");
        await Assertions.Expect(page.Locator("[data-testid=trace-row]")).ToHaveCountAsync(4);
        await LabFixture.ScreenshotAsync(page, "02-traces");

        await page.Locator($"a[href='traces/{lab.HopsTraceId}']").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=waterfall]");
        await LabFixture.WaitInteractiveAsync(page);
        var spanRows = page.Locator("[data-testid=span-row]");
        await Assertions.Expect(spanRows).ToHaveCountAsync(7);
        var services = await spanRows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.service)");
        await spanRows.Nth(2).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=span-attributes]")).ToContainTextAsync("lab.link");
        await LabFixture.ScreenshotAsync(page, "03-trace-detail");

        Assert.Equal(["servicea", "serviceb", "servicec"], services.Distinct().Order());
        Assert.EndsWith($"/traces/{lab.HopsTraceId}", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollapsingASpanHidesItsDescendantsAndSearchMarksMatches()
    {
        var page = await lab.NewPageAsync();
        await lab.OpenAsync(page, $"/traces/{lab.HopsTraceId}");
        var spanRows = page.Locator("[data-testid=span-row]");
        await Assertions.Expect(spanRows).ToHaveCountAsync(7);

        await page.Locator("[data-testid=span-row] .wf-toggle").First.ClickAsync();
        await Assertions.Expect(spanRows).ToHaveCountAsync(1);
        await page.Locator("[data-testid=span-row] .wf-toggle").First.ClickAsync();
        await Assertions.Expect(spanRows).ToHaveCountAsync(7);
        // fluent-text-input is a web component; Playwright's CSS engine pierces its open shadow root to the input.
        await page.Locator("[data-testid=trace-search]").Locator("input").FillAsync("reservations");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("[data-testid=span-row].match")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ServiceMapShowsTheEdgesBetweenTheServices()
    {
        var page = await lab.NewPageAsync();
        await lab.OpenAsync(page, "/map");
        await page.WaitForSelectorAsync("[data-testid=service-map]");

        var edges = await page.Locator("svg[data-testid=service-map] g.edge").EvaluateAllAsync<string[]>(
            "edges => edges.map(e => e.dataset.from + '->' + e.dataset.to + ':' + e.dataset.link)");
        var table = await page.Locator("[data-testid=map-edges]").InnerTextAsync();
        await LabFixture.ScreenshotAsync(page, "04-service-map");

        Assert.Equal(["servicea->serviceb:peering", "servicea->servicec:tgw", "serviceb->servicec:peering"], edges.Order());
        Assert.Contains("4", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StructuredLogsLinkToTheirSpans()
    {
        var page = await lab.NewPageAsync();
        await lab.OpenAsync(page, "/logs");
        await Assertions.Expect(page.Locator("[data-testid=log-row]")).ToHaveCountAsync(12);
        await LabFixture.ScreenshotAsync(page, "05-structured-logs");

        await page.Locator("[data-testid=log-span-link]").First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=waterfall]");

        await Assertions.Expect(page.Locator("[data-testid=span-row].selected")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task MetricsShowRequestRateAndLatencyPerService()
    {
        var page = await lab.NewPageAsync();
        await lab.OpenAsync(page, "/metrics");

        await Assertions.Expect(page.Locator("[data-testid=request-metrics-row]")).ToHaveCountAsync(3);
        await LabFixture.ScreenshotAsync(page, "06-metrics");
    }

    [Fact]
    public async Task AWrongTokenGetsA401AndNoPage()
    {
        var page = await lab.NewPageAsync(login: false);

        // Chromium shows its own error page for an empty 401, so the response is read through the page's request API.
        var response = await page.APIRequest.GetAsync(new Uri(lab.Dashboard.Server.UiUrl, "/login?t=wrong").ToString());
        var traces = await page.APIRequest.GetAsync(new Uri(lab.Dashboard.Server.UiUrl, "/traces").ToString(), new() { MaxRedirects = 0 });

        Assert.Equal((int)HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(string.Empty, await response.TextAsync());
        Assert.Equal((int)HttpStatusCode.Redirect, traces.Status);
    }
}
