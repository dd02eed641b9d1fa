using Aspire.Hosting;
using TracingLab.Contracts.Text;

namespace TracingLab.AppHost.Lab;

/// <summary>Where the Aspire dashboard listens, and the keys the lab console shares with it.</summary>
public static class AspireDashboard
{
    /// <summary>Aspire's switch for an open dashboard: no browser token, OTLP or API key.</summary>
    public const string AllowAnonymousKey = "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS";

    /// <summary>Aspire's setting for a JSON configuration file the dashboard reads.</summary>
    public const string DashboardConfigFileKey = "ASPIRE_DASHBOARD_CONFIG_FILE_PATH";

    /// <summary>
    /// Pins the Aspire dashboard to 127.0.0.1: UI on 18888, OTLP/gRPC on 18889, OTLP/HTTP on 18890 (the launch profile
    /// says the same), or to free ephemeral ports when <see cref="LabPorts.Random"/>. Aspire reads these settings
    /// when it builds the dashboard, so setting them here, before <c>Build()</c>, is enough.
    /// </summary>
    public static void ConfigureAspireDashboard(this IDistributedApplicationBuilder builder, LabPorts ports)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ports);
        var config = builder.Configuration;
        if (ports.Random || config["ASPNETCORE_URLS"] is null)
        {
            config["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports.For(18888)}";
            config["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports.For(18889)}";
            config["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports.For(18890)}";
        }

        if (ports.Random)
        {
            // The ports are already free ones; DCP must not move the dashboard's again (Aspire.Hosting.Testing turns
            // this on), or the URL the lab console is given would not be the dashboard's.
            config["DcpPublisher:RandomizePorts"] = "false";
        }

        // Everything listens on loopback over plain HTTP; no development certificate is needed or installed.
        config["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] ??= "true";

        // The dashboard's telemetry limits (dashboard.json): its defaults, 10,000 traces and logs, drop the oldest
        // traces after a few minutes of load. Aspire copies every ASPIRE_DASHBOARD_* setting of the AppHost to the
        // dashboard (Aspire.Hosting's DashboardEventHandlers), which reads this file over its own defaults.
        config[DashboardConfigFileKey] ??= Path.Combine(AppContext.BaseDirectory, "dashboard.json");

        // The dashboard's store is SQLite in 13.6 whatever the mode (Aspire:Dashboard:PersistenceMode, passed to it as
        // ASPIRE_DASHBOARD_PERSISTENCE_MODE: None, Run or Resume). Aspire's default, Run, keeps every run's database
        // under ~/.aspire/dashboard/runs: a lab started many times a day grew it by ~100 MB a day, and its ingest cost
        // the services more than None's throw-away store (docs/benchmarks.md). The trade: the dashboard forgets a run
        // when the lab stops. Run or Resume on the command line keeps Aspire's behaviour.
        var mode = config[PersistenceModeKey] ??= "None";
        if (!PersistenceModes.Contains(mode, StringComparer.Ordinal))
        {
            throw new LabStartException(
                $"{PersistenceModeKey} is {Quoted.Value(mode)}; allowed: {string.Join(", ", PersistenceModes)} (the lab's default is None).");
        }
    }

    // What the 13.6 dashboard parses; anything else stops it at start ("Possible values: None, Run, Resume").
    private static readonly string[] PersistenceModes = ["None", "Run", "Resume"];

    /// <summary>The AppHost setting Aspire passes to its dashboard as ASPIRE_DASHBOARD_PERSISTENCE_MODE.</summary>
    public const string PersistenceModeKey = "Aspire:Dashboard:PersistenceMode";

    /// <summary>The dashboard's UI URL (the first of ASPNETCORE_URLS).</summary>
    public static Uri UiUrl(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var urls = builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:18888";
        return new Uri(urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0]);
    }

    /// <summary>True when the dashboard runs unsecured (<see cref="AllowAnonymousKey"/>).</summary>
    public static bool AllowsAnonymous(IDistributedApplicationBuilder builder) =>
        bool.TryParse(builder?.Configuration[AllowAnonymousKey], out var open) && open;
}
