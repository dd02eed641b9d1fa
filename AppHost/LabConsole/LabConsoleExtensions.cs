using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.AppHost.Lab;
using TracingLab.AppHost.Links;

namespace TracingLab.AppHost.LabConsole;

/// <summary>The lab console: what the Aspire dashboard lacks (the X-Ray view, the Links page, the comparisons).</summary>
public static class LabConsoleExtensions
{
    /// <summary>
    /// Configures the lab console project on http://127.0.0.1:<paramref name="port"/>: it reads traces from the Aspire
    /// dashboard's telemetry API (URL and API key injected here) and the relays from the AppHost's <see cref="LinksFeed"/>,
    /// and its UI takes the dashboard's browser token. Its pages show commands against <paramref name="entry"/>'s URL.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsLabConsole(
        this IResourceBuilder<ProjectResource> console, LocalLab lab, LinkResources links, IResourceBuilder<ProjectResource> entry, int port)
    {
        ArgumentNullException.ThrowIfNull(console);
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
            .AsLabService(lab, port)
            .WithEnvironment(context =>
            {
                var env = context.EnvironmentVariables;
                env["LabConsole__DashboardUrl"] = AspireDashboard.UiUrl(builder).GetLeftPart(UriPartial.Authority);
                env["LabConsole__ServiceAUrl"] = entryUrl; // resolved when the console starts, so --random-ports' port
                env["LabConsole__LinksFeedUrl"] = feed.Url?.GetLeftPart(UriPartial.Authority) ?? "";
                env["LabConsole__LinksFeedKey"] = feed.Key;
                env["LabConsole__AllowAnonymous"] = anonymous ? "true" : "false";
                if (!anonymous)
                {
                    // Read when the console starts: Aspire generates these keys while it builds the app.
                    env["LabConsole__ApiKey"] = config["AppHost:DashboardApiKey"] ?? "";
                    env["LabConsole__BrowserToken"] = config["AppHost:BrowserToken"] ?? "";
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
}
