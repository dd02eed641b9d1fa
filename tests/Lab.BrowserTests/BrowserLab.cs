using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace Lab.BrowserTests;

/// <summary>
/// The real lab on Aspire.Hosting.Testing (ports ephemeral, dashboard unsecured) with one trace per link in it, and
/// one headless Debian Chromium. Shared by the page tests; stopped at the end.
/// </summary>
public sealed class BrowserLab : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private IPlaywright? _playwright;

    public DistributedApplication App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The X-Ray form trace id of one /lab/hops request per link, in the order tgw, peering, privatelink.</summary>
    public List<string> TraceIds { get; } = [];

    public Uri Console => App.GetEndpoint("labconsole", "http");

    public Uri Dashboard => App.GetEndpoint("aspire-dashboard", "http");

    public static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lab.BrowserTests.csproj")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing; install it with: apt-get install -y chromium");
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["Lab:RandomPorts=true", "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true"], (o, _) => o.DisableDashboard = false, cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "servicec", "serviceb", "servicea", "labconsole" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        foreach (var link in new[] { "tgw", "peering", "privatelink" })
        {
            var hops = await Http.GetFromJsonAsync<JsonElement>(new Uri(App.GetEndpoint("servicea", "http"), $"/lab/hops?via={link}"), cts.Token);
            TraceIds.Add(hops.GetProperty("traceId").GetString()!);
        }

        // Wait until the last trace has all three services in the lab console's X-Ray view (export runs every second).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Http.GetAsync(new Uri(Console, $"/api/xray/traces/{TraceIds[^1]}"), cts.Token);
            if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cts.Token)).Contains("servicec", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(500, cts.Token);
        }

        _playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assertions.SetDefaultExpectTimeout(20_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = 30_000,
        }).WaitAsync(TimeSpan.FromSeconds(40));
    }

    public async Task<IPage> OpenAsync(Uri url)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        return page;
    }

    /// <summary>Expects <paramref name="locator"/> visible; on failure says what the page showed instead, with a screenshot.</summary>
    public static async Task ExpectVisibleAsync(IPage page, ILocator locator)
    {
        try
        {
            await Assertions.Expect(locator).ToBeVisibleAsync();
        }
        catch (PlaywrightException e)
        {
            var name = $"failed-{Guid.NewGuid():N}.png";
            await ScreenshotAsync(page, name);
            throw new InvalidOperationException($"{e.Message.Split('\n')[0]} at {page.Url}; the page shows ({name}):\n{await page.InnerTextAsync("body")}", e);
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
