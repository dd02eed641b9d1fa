using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using TracingLab.Dashboard.Api;
using TracingLab.Dashboard.Hosting;
using TracingLab.Dashboard.Links;
using TracingLab.Dashboard.Otlp;
using TracingLab.Dashboard.Resources;
using TracingLab.Dashboard.Store;
using TracingLab.Dashboard.XRay;

namespace TracingLab.Dashboard;

/// <summary>Registers and maps every dashboard feature; the table of contents of the dashboard application.</summary>
internal static class DashboardHostingExtensions
{
    public static WebApplicationBuilder AddDashboard(
        this WebApplicationBuilder builder, DashboardOptions options, IResourceSource? resources, ILinkSource? links = null)
    {
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new TelemetryStore(TelemetryLimits.From(options)));
        services.AddSingleton<OtlpApiKeyCheck>();
        services.AddSingleton<ApiKeyFilter>();
        if (resources is not null)
        {
            services.AddSingleton(resources);
        }
        else
        {
            services.AddSingleton<IResourceSource, TelemetryResourceSource>();
        }

        services.AddSingleton(links ?? NoLinks.Instance);
        services.AddSingleton<ResourceCatalog>();
        if (options.StoragePath is not null)
        {
            services.AddSingleton<Storage.RunHistory>();
        }

        services.AddScoped(sp => new Storage.TelemetryView(sp.GetRequiredService<TelemetryStore>(), sp.GetService<Storage.RunHistory>()));
        services.AddDashboardXRay();
        services.AddDashboardLinks();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxOtlpMessageBytes;
            grpc.EnableDetailedErrors = false;
        });
        services.AddProblemDetails();
        // Auth cookies only need to outlive the process: keys stay in memory, never on disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(keys =>
        {
            keys.XmlRepository = new InMemoryXmlRepository();
            keys.XmlEncryptor = new Microsoft.AspNetCore.DataProtection.XmlEncryption.NullXmlEncryptor();
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = LoginEndpoints.LoginPath;
            cookie.Cookie.Name = "tracinglab.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(3);
        });
        services.AddAuthorization(auth =>
        {
            if (!options.AllowAnonymous)
            {
                auth.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
        builder.AddDashboardUi();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // Open the run history now, so this start is recorded as a run even before any telemetry arrives.
        app.Services.GetService<Storage.RunHistory>();
        app.UseRouting();
        app.UseListenerGate();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGrpcService<OtlpGrpcIntake>().WithMetadata(new ListenerMetadata(ListenerKind.OtlpGrpc)).AllowAnonymous();
        app.MapOtlpHttpIntake();
        app.MapLoginEndpoints();
        app.MapTelemetryApi();
        app.MapXRayApi();
        app.MapLinksApi();
        app.MapDashboardUi();
        return app;
    }
}
