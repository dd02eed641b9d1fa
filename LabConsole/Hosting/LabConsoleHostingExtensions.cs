using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Api;
using TracingLab.LabConsole.Intake;
using TracingLab.LabConsole.Links;
using TracingLab.AspireTelemetry;
using TracingLab.LabConsole.XRay;

namespace TracingLab.LabConsole.Hosting;

/// <summary>Registers and maps every lab console feature; the table of contents of the application.</summary>
internal static class LabConsoleHostingExtensions
{
    public static WebApplicationBuilder AddLabConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LabConsoleOptions>().BindConfiguration(LabConsoleOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LabConsoleOptions>, LabConsoleOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AspireDashboardOptions>().Configure<IOptions<LabConsoleOptions>>((dashboard, console) =>
        {
            dashboard.DashboardUrl = console.Value.DashboardUrl;
            dashboard.ApiKey = console.Value.ApiKey;
        });
        services.AddHttpClient<AspireTelemetryClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient<LinksFeedClient>(http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddHttpClient(HopSpanWindow.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<HopSpanWindow>();
        services.AddHostedService(sp => sp.GetRequiredService<HopSpanWindow>());
        services.AddOtlpIntake();
        services.AddLabConsoleXRay();
        services.AddLabConsoleLinks();
        services.AddProblemDetails();
        services.AddHealthChecks();
        // Auth cookies only need to outlive the process: keys stay in memory, never on disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = LoginEndpoints.LoginPath;
            cookie.Cookie.Name = "tracinglab.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(3);
        });
        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>, ConsoleAuthorization>();
        builder.AddLabConsoleUi();
        // One line per dashboard request at Information would drown the console's own warnings in Aspire's log view.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        return builder;
    }

    public static WebApplication MapLabConsole(this WebApplication app)
    {
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // The AppHost's readiness check (Aspire's WaitFor and the "ready at" line); open like the Aspire dashboard's.
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapLoginEndpoints();
        app.MapOtlpIntake();
        app.MapXRayApi();
        app.MapLinksApi();
        app.MapLabConsoleUi();
        return app;
    }
}
