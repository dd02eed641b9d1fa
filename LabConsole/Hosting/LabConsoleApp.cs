namespace TracingLab.LabConsole.Hosting;

/// <summary>Builds the lab console's web application; Program.cs runs it, tests start it on an ephemeral port.</summary>
public static class LabConsoleApp
{
    /// <summary>Where the console listens when ASPNETCORE_URLS (or --urls) says nothing.</summary>
    public const string DefaultUrl = "http://127.0.0.1:18880";

    /// <param name="configure">Runs before the console's services are added (tests add configuration here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(LabConsoleApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        builder.AddLabConsole();
        var app = builder.Build();
        app.MapLabConsole();
        return app;
    }
}
