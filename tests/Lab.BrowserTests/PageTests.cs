using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.AppHost.Links;
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
        // The interactive render reads the trace again; it must settle on the same segments, not on "no trace".
        await BrowserLab.ExpectVisibleAsync(page, page.Locator("h1[data-render=interactive]"));
        await Expect(page.Locator("[data-testid=xray-not-found]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=xray-waiting]")).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "servicec" }).First).ToBeVisibleAsync();
        await BrowserLab.ScreenshotAsync(page, "02-lab-console-xray.png");
    }

    [Fact]
    public async Task ATraceOpenedBeforeItExistsAppearsWhenTheServicesExportIt()
    {
        // A trace id of our own (X-Ray form: the current epoch seconds first), opened before any service has seen it.
        var otelId = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12))}";
        var xrayId = $"1-{otelId[..8]}-{otelId[8..]}";
        var page = await lab.OpenAsync(new Uri(lab.Console, $"/xray/{xrayId}"));
        await BrowserLab.ExpectVisibleAsync(page, page.Locator("h1[data-render=interactive]"));
        await BrowserLab.ExpectVisibleAsync(page, page.Locator("[data-testid=xray-waiting]"));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(lab.App.GetEndpoint("servicea", "http"), "/lab/hops?via=peering"));
        request.Headers.Add("traceparent", $"00-{otelId}-00f067aa0ba902b7-01");
        using var response = await lab.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"/lab/hops answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(xrayId, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var rows = page.Locator("[data-testid=xray-row]");
        foreach (var service in new[] { "servicea", "serviceb", "servicec" })
        {
            await BrowserLab.ExpectVisibleAsync(page, rows.Filter(new() { HasText = service }).First);
        }

        await Expect(page.Locator("[data-testid=xray-waiting]")).ToHaveCountAsync(0);
        await BrowserLab.ScreenshotAsync(page, "05-lab-console-xray-arrived.png");
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

    [Fact]
    public async Task TheLinksPageShowsAFaultInjectedThroughTheResourceCommandUntilItIsCleared()
    {
        var commands = lab.App.Services.GetRequiredService<ResourceCommandService>();
        var inputs = new InteractionInputCollection(
        [
            new InteractionInput { Name = LinkCommands.KindArgument, InputType = InputType.Text, Value = "latency" },
            new InteractionInput { Name = LinkCommands.DirectionArgument, InputType = InputType.Text, Value = "response" },
            new InteractionInput { Name = LinkCommands.ValueArgument, InputType = InputType.Text, Value = "50ms" },
        ]);
        var injected = await commands.ExecuteCommandAsync("peering", LinkCommands.InjectFault, inputs).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(injected.Success, injected.Message);
        try
        {
            var page = await lab.OpenAsync(new Uri(lab.Console, "/links"));
            var row = page.Locator("[data-testid=active-fault][data-link=peering][data-kind=latency]");
            await BrowserLab.ExpectVisibleAsync(page, row);
            await Expect(row).ToContainTextAsync("callee → caller");
            await Expect(page.Locator("[data-testid=links-fault-timeline] rect.fault-band[data-link=peering][data-kind=latency]")).ToHaveCountAsync(1);
            await BrowserLab.ScreenshotAsync(page, "06-lab-console-links-fault.png");
            await Expect(page.Locator("[data-testid=interactive]")).ToHaveCountAsync(1);

            var cleared = await commands.ExecuteCommandAsync("peering", LinkCommands.ClearFaults).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(cleared.Success, cleared.Message);

            // The open page refreshes every 2 s: the fault leaves the table and its window stays as a closed band.
            await BrowserLab.ExpectVisibleAsync(page, page.Locator("[data-testid=links-no-active-fault]"));
            await Expect(page.Locator("[data-testid=fault-window][data-link=peering][data-kind=latency]")).Not.ToContainTextAsync("active");
        }
        finally
        {
            await commands.ExecuteCommandAsync("peering", LinkCommands.ClearFaults).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
