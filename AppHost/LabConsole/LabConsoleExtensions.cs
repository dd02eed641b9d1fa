using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.AppHost.Lab;
using TracingLab.AppHost.Links;
using TracingLab.AppHost.Restart;

namespace TracingLab.AppHost.LabConsole;

/// <summary>The lab console: what the Aspire dashboard lacks (the X-Ray view, the Links page, the comparisons).</summary>
public static class LabConsoleExtensions
{
    /// <summary>The assembly metadata key under which the build records the lab console's built assembly (AppHost.csproj).</summary>
    public const string BuildOutputKey = "TracingLab.LabConsolePath";

    /// <summary>
    /// Adds the lab console, run from its build output with <c>dotnet exec</c> in its project folder. Aspire runs a
    /// project resource through <c>dotnet run --project … --no-build</c> (DcpExecutor.PrepareProjectExecutables in
    /// dotnet/aspire), whose MSBuild evaluation alone costs 1.2–1.8 s of CPU per project at start; the console is the
    /// lab's tool, not one of the services under study, so it skips that and leaves the cores to the services
    /// (docs/benchmarks.md, start and stop). <c>dotnet run --project AppHost</c> still builds it: it is a project
    /// reference of the AppHost.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddLabConsole(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var assembly = typeof(LabConsoleExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == BuildOutputKey)?.Value;
        if (string.IsNullOrEmpty(assembly) || !File.Exists(assembly))
        {
            throw new LabStartException(
                $"The lab console's build output '{assembly}' is missing: build the solution (dotnet build) and start the lab again.");
        }

        var folder = Path.GetDirectoryName(new Projects.LabConsole().ProjectPath)!;
        return builder.AddExecutable(name, "dotnet", folder, "exec", assembly);
    }

    /// <summary>
    /// Configures the lab console on http://127.0.0.1:<paramref name="port"/>: it reads traces from the Aspire
    /// dashboard's telemetry API (URL and API key injected here) and the relays from the AppHost's <see cref="LinksFeed"/>,
    /// and its UI takes the dashboard's browser token. Its pages show commands against <paramref name="entry"/>'s URL.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AsLabConsole(
        this IResourceBuilder<ExecutableResource> console, LocalLab lab, LinkResources links, IResourceBuilder<ProjectResource> entry, int port)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(entry);
        var entryUrl = entry.GetEndpoint("http");
        var builder = console.ApplicationBuilder;
        var feed = new LinksFeed(links.RelayHost);
        builder.Eventing.Subscribe<BeforeStartEvent>((_, ct) => feed.StartAsync(ct));
        builder.Services.AddHostedService(_ => feed);
        var config = builder.Configuration;
        var anonymous = AspireDashboard.AllowsAnonymous(builder);
        foreach (var link in links.Resources)
        {
            console.WithRelationship(link.Resource, "Shows");
        }

        return console
            .AsLabProcess(lab, port)
            .WithAutoRestart(lab.Options.RestartBackoff)
            .WithEnvironment(context =>
            {
                var env = context.EnvironmentVariables;
                // What Aspire sets for a project resource from its endpoint; an executable gets it from here.
                env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LabPorts.PortOf(console.Resource)}";
                env["LabConsole__DashboardUrl"] = AspireDashboard.UiUrl(builder).GetLeftPart(UriPartial.Authority);
                env["LabConsole__ServiceAUrl"] = entryUrl; // resolved when the console starts, so --random-ports' port
                env["LabConsole__LinksFeedUrl"] = feed.Url?.GetLeftPart(UriPartial.Authority) ?? "";
                env["LabConsole__LinksFeedKey"] = feed.Key;
                env["LabConsole__AllowAnonymous"] = anonymous ? "true" : "false";
                // Where the console's OTLP intake forwards what the services send (see WithOtlpThroughConsole).
                env["LabConsole__DashboardOtlpUrl"] = DashboardOtlpHttpUrl(builder) ?? "";
                if (!anonymous)
                {
                    // Read when the console starts: Aspire generates these keys while it builds the app.
                    env["LabConsole__ApiKey"] = config["AppHost:DashboardApiKey"] ?? "";
                    env["LabConsole__BrowserToken"] = config["AppHost:BrowserToken"] ?? "";
                    env["LabConsole__OtlpApiKey"] = config["AppHost:OtlpApiKey"] ?? "";
                }
            })
            .WithUrlForEndpoint("http", url =>
            {
                url.DisplayText = "Lab console (X-Ray, links)";
                if (!anonymous && config["AppHost:BrowserToken"] is { Length: > 0 } token)
                {
                    url.Url = $"{url.Url.TrimEnd('/')}/login?t={token}";
                }
            });
    }

    /// <summary>
    /// Points the service's OTLP exporter at the lab console instead of the Aspire dashboard: the console keeps each
    /// trace with its attribute types and forwards every request unchanged to the dashboard, as the ADOT collector
    /// stands between the services and X-Ray in AWS (docs/architecture.md, "Lab console"). OTLP/HTTP protobuf,
    /// because a request is then one body to forward. The service and the console start together: an export the
    /// console is not yet listening for is retried (the exporter's in-memory retry) within the exporter's timeout,
    /// Aspire's default 10 s, so nothing the service exports at start is lost while it waits. Without a dashboard
    /// OTLP/HTTP endpoint to forward to, Aspire's own wiring is left as it is.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOtlpThroughConsole(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ExecutableResource> console)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(console);
        if (DashboardOtlpHttpUrl(service.ApplicationBuilder) is null)
        {
            return service;
        }

        var intake = console.GetEndpoint("http");
        return service
            .WithEnvironment(context =>
            {
                // Runs after Aspire's OTLP callback (added by AddProject), so these replace its endpoint and protocol;
                // OTEL_EXPORTER_OTLP_HEADERS (x-otlp-api-key) stays: the console asks for the same key.
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = intake;
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                // A refused connection or a 502/503/504 is retried with backoff until the export's deadline instead of
                // dropping the batch ("Experimental features", OpenTelemetry.Exporter.OpenTelemetryProtocol's README).
                context.EnvironmentVariables["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
            });
    }

    /// <summary>The dashboard's OTLP/HTTP endpoint (ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL), or null when it has none.</summary>
    private static string? DashboardOtlpHttpUrl(IDistributedApplicationBuilder builder) =>
        builder.Configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] is { Length: > 0 } url
            ? new Uri(url.Split(';', StringSplitOptions.RemoveEmptyEntries)[0]).GetLeftPart(UriPartial.Authority)
            : null;
}
