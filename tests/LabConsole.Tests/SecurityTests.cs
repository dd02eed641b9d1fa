using System.Net;
using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Hosting;
using TracingLab.LabConsole.Tests.Support;

namespace TracingLab.LabConsole.Tests;

public class SecurityTests
{
    [Fact]
    public async Task TheUiTakesTheDashboardsBrowserTokenAndAWrongTokenIsA401()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = console.Url };

        using var before = await browser.GetAsync(new Uri("/links", UriKind.Relative));
        using var wrong = await browser.GetAsync(new Uri("/login?t=nope", UriKind.Relative));
        using var login = await browser.GetAsync(new Uri($"/login?t={TestConsole.BrowserToken}&returnUrl=/links", UriKind.Relative));
        using var after = await browser.GetAsync(new Uri("/links", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/login", before.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/links", login.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var page = await after.Content.ReadAsStringAsync();
        Assert.Contains(dashboard.Url.GetLeftPart(UriPartial.Authority), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAnonymousOpensTheUiWithoutATokenOrKey()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: new Dictionary<string, string?>
        {
            ["LabConsole:AllowAnonymous"] = "true",
            ["LabConsole:ApiKey"] = "",
            ["LabConsole:BrowserToken"] = "",
        });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = console.Url };

        using var page = await browser.GetAsync(new Uri("/map", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public void BadOptionsAreNamedWithTheKeyTheValueAndWhatIsAllowed()
    {
        var result = new LabConsoleOptionsValidator().Validate(null, new LabConsoleOptions
        {
            DashboardUrl = "ftp://dashboard",
            LinksFeedUrl = "http://127.0.0.1:1/links",
            ApiKey = "has space",
        });

        Assert.True(result.Failed);
        var errors = string.Join("\n", result.Failures!);
        Assert.Contains("LabConsole:DashboardUrl is 'ftp://dashboard'; allowed: an http:// or https:// URL", errors, StringComparison.Ordinal);
        Assert.Contains("LabConsole:LinksFeedUrl is 'http://127.0.0.1:1/links'", errors, StringComparison.Ordinal);
        Assert.Contains("LabConsole:ApiKey is a value containing whitespace", errors, StringComparison.Ordinal);
        Assert.Contains("LabConsole:BrowserToken is empty; allowed:", errors, StringComparison.Ordinal);
        Assert.Contains("LabConsole:LinksFeedKey is empty", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("has space", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleWithBadOptionsDoesNotStart()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestConsole.StartAsync(
            new Uri("http://127.0.0.1:1"), settings: new Dictionary<string, string?> { ["LabConsole:DashboardUrl"] = "not a url" }));

        Assert.Contains("LabConsole:DashboardUrl is 'not a url'", failure.Message, StringComparison.Ordinal);
    }
}
