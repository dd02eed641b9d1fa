using System.Globalization;
using System.Text;
using TracingLab.AppHost.Links;
using TracingLab.Dashboard;

namespace TracingLab.AppHost.Hosting;

/// <summary>The table printed once the lab is up: where everything is and in what state.</summary>
public static class StartupSummary
{
    /// <summary>Renders the summary. The resource lines are "  name  url  state  health", which tests parse.</summary>
    public static string Render(LabOptions options, DashboardServer dashboard, IReadOnlyList<ProcessSupervisor> supervisors, LinkRelays relays)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(supervisors);
        ArgumentNullException.ThrowIfNull(relays);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"TracingLab is up. Links enabled: {string.Join(", ", options.Links)}.");
        text.AppendLine($"  Dashboard:        {(options.AllowAnonymous ? dashboard.UiUrl : dashboard.LoginUrl)}");
        if (!options.AllowAnonymous)
        {
            text.AppendLine($"  Telemetry API key (x-api-key): {dashboard.ApiKey}");
        }

        text.AppendLine($"  OTLP:             grpc {dashboard.OtlpGrpcUrl}  http {dashboard.OtlpHttpUrl}");
        if (options.OtlpEndpoint is not null)
        {
            text.AppendLine($"  Services export telemetry to {options.OtlpEndpoint} (--otlp-endpoint).");
        }

        text.AppendLine();
        text.AppendLine($"  {"resource",-10} {"url",-24} {"state",-10} health");
        foreach (var s in supervisors)
        {
            text.AppendLine($"  {s.Resource.Name,-10} {s.Url.GetLeftPart(UriPartial.Authority),-24} {s.State,-10} {s.Health}");
        }

        text.AppendLine();
        AppendRelays(text, relays);
        var serviceA = supervisors.FirstOrDefault(s => s.Resource.Name == "servicea")?.Url;
        text.AppendLine();
        text.AppendLine("Compare the links (same traffic over each, report with latency, path and cost):");
        text.AppendLine("  " + CompareCommand(serviceA, dashboard.UiUrl, options.AllowAnonymous ? null : dashboard.ApiKey));
        text.AppendLine();
        text.Append($"Try: curl {serviceA}lab/hops   Press Ctrl+C to stop.");
        return text.ToString();
    }

    /// <summary>The documented compare command, pointed at this lab.</summary>
    public static string CompareCommand(Uri? serviceA, Uri dashboardUi, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(dashboardUi);
        var target = serviceA?.GetLeftPart(UriPartial.Authority) ?? "<serviceA url>";
        var command = $"dotnet run --project bench/LinkCompare -c Release -- --target {target} --dashboard {dashboardUi.GetLeftPart(UriPartial.Authority)}";
        return apiKey is null ? command : $"{command} --api-key {apiKey}";
    }

    // "  link  consumer→provider  listen  delay ± jitter  source": one line per relay.
    private static void AppendRelays(StringBuilder text, LinkRelays relays)
    {
        text.AppendLine($"  {"link",-12} {"hop",-20} {"listens on",-16} {"added one-way",-20} provider sees");
        foreach (var relay in relays.Relays)
        {
            var profile = relay.Spec.Profile;
            var delay = string.Create(CultureInfo.InvariantCulture, $"{profile.DelayMs} ms ± {profile.JitterMs}");
            text.AppendLine($"  {relay.Spec.Link,-12} {relay.Spec.Consumer + "→" + relay.Spec.Provider,-20} {relay.ListenEndPoint,-16} {delay,-20} {relay.SourceAddress}");
        }
    }
}
