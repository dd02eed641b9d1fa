using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TracingLab.Dashboard.Links;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.BrowserTests;

public sealed class LinksPageTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Fact]
    public async Task LinksPageShowsTheRunsFiguresTheRelaysAndOneTracePerLinkSideBySide()
    {
        lab.Dashboard.Server.Services.GetRequiredService<CompareRunStore>().Add(FakeLinks.Run("browser-run"));
        var page = await lab.NewPageAsync();
        await lab.OpenAsync(page, "/links");

        var summary = page.Locator("[data-testid=links-summary] tbody tr");
        await Assertions.Expect(summary).ToHaveCountAsync(3);
        var links = await summary.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.link)");
        await Assertions.Expect(page.Locator("[data-testid=links-cdf] svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=links-cost]")).ToContainTextAsync("2026-11-22");
        var seen = await page.Locator("[data-testid=links-remote] tr[data-link=privatelink] [data-testid=remote-address]").AllInnerTextsAsync();
        await Assertions.Expect(page.Locator("[data-testid=links-relays] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=links-relays]")).ToContainTextAsync("127.0.1.3");
        // The fixture's hops traces travel peering (A→B→C) and tgw (A→C): one sample trace per link.
        var sides = page.Locator("[data-testid=side-trace]");
        await Assertions.Expect(sides).ToHaveCountAsync(2);
        var sideLinks = await sides.EvaluateAllAsync<string[]>("d => d.map(x => x.dataset.link)");
        await Assertions.Expect(page.Locator("[data-testid=links-flows] tbody tr")).ToHaveCountAsync(3);
        await LabFixture.ScreenshotAsync(page, "07-links");

        Assert.Equal(["tgw", "peering", "privatelink"], links);
        Assert.Equal(["127.0.1.3"], seen);
        Assert.Equal(["peering", "tgw"], sideLinks.Order(StringComparer.Ordinal));
    }
}
