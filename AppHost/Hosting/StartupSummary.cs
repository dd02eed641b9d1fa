using System.Text;
using TracingLab.Dashboard;

namespace TracingLab.AppHost.Hosting;

/// <summary>The table printed once the lab is up: where everything is and in what state.</summary>
public static class StartupSummary
{
    /// <summary>Renders the summary. The resource lines are "  name  url  state  health", which tests parse.</summary>
    public static string Render(LabOptions options, DashboardServer dashboard, IReadOnlyList<ProcessSupervisor> supervisors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(supervisors);
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
        text.Append($"Try: curl {supervisors.FirstOrDefault(s => s.Resource.Name == "servicea")?.Url}lab/hops   Press Ctrl+C to stop.");
        return text.ToString();
    }
}
