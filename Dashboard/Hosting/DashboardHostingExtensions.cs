namespace TracingLab.Dashboard;

/// <summary>Registers and maps every dashboard feature; the table of contents of the dashboard application.</summary>
internal static class DashboardHostingExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder, DashboardOptions options, IResourceSource? resources)
    {
        builder.Services.AddSingleton(options);
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseRouting();
        Hosting.ListenerGate.UseListenerGate(app);
        app.MapGet("/healthz", () => "ok");
        return app;
    }
}
