using Microsoft.FluentUI.AspNetCore.Components;
using TracingLab.LabConsole.Components;

namespace TracingLab.LabConsole.Hosting;

/// <summary>The Blazor UI: interactive server components with Fluent UI.</summary>
internal static class LabConsoleUiExtensions
{
    public static WebApplicationBuilder AddLabConsoleUi(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        return builder;
    }

    public static WebApplication MapLabConsoleUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
