using System.Net;
using TracingLab.Dashboard.Cli;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.Tests;

public sealed class SecurityTests
{
    [Fact]
    public async Task ApiWithoutOrWithAWrongKeyGetsABare401()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var none = await dashboard.Ui.GetAsync("/api/telemetry/resources");
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Get, "/api/telemetry/traces");
        wrongRequest.Headers.Add("x-api-key", "wrong");
        using var wrong = await dashboard.Ui.SendAsync(wrongRequest);
        using var right = await dashboard.Api.GetAsync("/api/telemetry/resources");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(await none.Content.ReadAsByteArrayAsync());
        Assert.Empty(await wrong.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task UiNeedsTheBrowserTokenAndAWrongTokenGetsABare401()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.BrowserToken = "the-token");

        using var anonymous = await dashboard.Ui.GetAsync("/traces");
        using var wrong = await dashboard.Ui.GetAsync("/login?t=not-the-token");
        using var login = await dashboard.Ui.GetAsync("/login?t=the-token");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tracinglab.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/traces");
        withCookie.Headers.Add("Cookie", cookie);
        using var page = await dashboard.Ui.SendAsync(withCookie);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(await wrong.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Traces", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new Uri(dashboard.Server.UiUrl, "/login?t=the-token"), dashboard.Server.LoginUrl);
    }

    [Fact]
    public async Task AllowAnonymousOpensBothUiAndApi()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.AllowAnonymous = true);

        using var page = await dashboard.Ui.GetAsync("/resources");
        using var api = await dashboard.Ui.GetAsync("/api/telemetry/traces");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task EveryListenerBindsLoopbackAndSecretsAreGeneratedWhenUnset()
    {
        Assert.StartsWith("http://127.0.0.1:", new DashboardOptions().UiUrl, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", new DashboardOptions().OtlpGrpcUrl, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", new DashboardOptions().OtlpHttpUrl, StringComparison.Ordinal);
        await using var dashboard = await TestDashboard.StartAsync();

        Assert.All([dashboard.Server.UiUrl, dashboard.Server.OtlpGrpcUrl, dashboard.Server.OtlpHttpUrl], u => Assert.Equal("127.0.0.1", u.Host));
        Assert.Equal(32, dashboard.Server.BrowserToken.Length);
        Assert.NotEqual(dashboard.Server.BrowserToken, dashboard.Server.ApiKey);
    }

    [Fact]
    public void BadFlagsAndValuesAreNamedWithTheAllowedValues()
    {
        var (_, unknown, _) = DashboardCommandLine.Parse(["--frobnicate"]);
        var (options, _, _) = DashboardCommandLine.Parse(["--ui-url", "ftp://x", "--max-traces", "0"]);
        var invalid = DashboardOptionsValidator.Validate(options);

        Assert.Contains(unknown, e => e.Contains("'--frobnicate'", StringComparison.Ordinal) && e.Contains("--allow-anonymous", StringComparison.Ordinal));
        Assert.Contains(invalid, e => e.Contains("UiUrl 'ftp://x'", StringComparison.Ordinal));
        Assert.Contains(invalid, e => e.Contains("MaxTracesPerResource is 0; allowed: 1..", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadFlagExitsWithCode2()
    {
        var code = await DashboardCommandLine.RunAsync(["--no-such-flag"]);

        Assert.Equal(DashboardCommandLine.ExitBadArguments, code);
    }
}
