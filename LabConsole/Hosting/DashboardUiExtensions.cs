using Microsoft.FluentUI.AspNetCore.Components;
using TracingLab.Dashboard.Components;

namespace TracingLab.Dashboard;

/// <summary>The Blazor UI: interactive server components with Fluent UI, plus the nav registry extra pages add to.</summary>
public static class DashboardUiExtensions
{
    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        builder.Services.AddSingleton<Ui.NavRegistry>();
        return builder;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
