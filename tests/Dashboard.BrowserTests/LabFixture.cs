using Microsoft.Playwright;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.BrowserTests;

/// <summary>
/// One dashboard (token login required) fed with real OTLP from three fake services, plus the AppHost's view of
/// three healthy resources, and one headless Chromium. Shared by the tests of a class; stopped at the end.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TestDashboard Dashboard { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public string HopsTraceId { get; private set; } = string.Empty;

    public static string ScreenshotDirectory
    {
        get
        {
            // <project>/TestResults/screenshots: found by walking up from bin/<config>/<tfm>/ to the project folder.
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.BrowserTests.csproj")))
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
        Dashboard = await TestDashboard.StartAsync(o => o.BrowserToken = "browser-test-token", new FakeResources(), new FakeLinks());
        for (var i = 0; i < 4; i++)
        {
            HopsTraceId = (await LabTraffic.SendHopsTraceAsync(Dashboard.Server.OtlpGrpcUrl)).ToHexString();
        }

        var id = Ids.Parse(HopsTraceId);
        await Wait.UntilAsync(() => Dashboard.Store.GetTrace(id)?.Spans.Count == 7, () => $"{Dashboard.Store.GetTrace(id)?.Spans.Count ?? 0} spans");
        _playwright = await Playwright.CreateAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = 30_000,
        }).WaitAsync(TimeSpan.FromSeconds(40));
    }

    /// <summary>A fresh 1280x800 page; logged in unless asked not to be.</summary>
    public async Task<IPage> NewPageAsync(bool login = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        if (login)
        {
            await page.GotoAsync(Dashboard.Server.LoginUrl.ToString());
            await WaitInteractiveAsync(page);
            await page.WaitForSelectorAsync("[data-testid=resources-table]");
        }

        return page;
    }

    /// <summary>Opens a UI path and waits until the Blazor circuit is live, so clicks are handled.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(Dashboard.Server.UiUrl, path).ToString());
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=interactive]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Dashboard is not null)
        {
            await Dashboard.DisposeAsync();
        }
    }
}
