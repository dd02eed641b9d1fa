using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lab.BrowserTests;

public sealed class PageTests(BrowserLab lab) : IClassFixture<BrowserLab>
{
    [Fact]
    public async Task TheAspireDashboardShowsTheThreeServicesTheLinksAndTheLabConsole()
    {
        var page = await lab.OpenAsync(lab.Dashboard);

        foreach (var name in new[] { "servicea", "serviceb", "servicec", "tgw", "peering", "privatelink", "labconsole" })
        {
            await Expect(page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();
        }

        await BrowserLab.ScreenshotAsync(page, "01-aspire-dashboard-resources.png");
    }

    [Fact]
    public async Task TheXRayViewShowsSegmentsOfAllThreeServicesForATraceTheDashboardHolds()
    {
        var page = await lab.OpenAsync(new Uri(lab.Console, $"/xray/{lab.TraceIds[1]}"));

        var rows = page.Locator("[data-testid=xray-row]");
        await BrowserLab.ExpectVisibleAsync(page, rows.First);
        foreach (var service in new[] { "servicea", "serviceb", "servicec" })
        {
            await Expect(rows.Filter(new() { HasText = service }).First).ToBeVisibleAsync();
        }

        await Expect(page.Locator("[data-testid=xray-json]").First).ToContainTextAsync(lab.TraceIds[1]);
        await BrowserLab.ScreenshotAsync(page, "02-lab-console-xray.png");
    }

    [Fact]
    public async Task TheServiceMapLabelsEachCallWithItsLink()
    {
        var page = await lab.OpenAsync(new Uri(lab.Console, $"/map?trace={lab.TraceIds[2]}"));

        var edges = page.Locator("[data-testid=map-edge]");
        await BrowserLab.ExpectVisibleAsync(page, edges.First);
        await Expect(page.Locator("[data-testid=map-edges]")).ToContainTextAsync("privatelink");
        await BrowserLab.ScreenshotAsync(page, "03-lab-console-service-map.png");
    }

    [Fact]
    public async Task TheLinksPageShowsTheLiveRelaysOfEveryLink()
    {
        var page = await lab.OpenAsync(new Uri(lab.Console, "/links"));

        var relays = page.Locator("[data-testid=links-relays]");
        await Expect(relays).ToBeVisibleAsync();
        foreach (var text in new[] { "tgw", "peering", "privatelink", "127.0.1.2", "127.0.1.3" })
        {
            await Expect(relays).ToContainTextAsync(text);
        }

        await BrowserLab.ScreenshotAsync(page, "04-lab-console-links.png");
    }
}
