using System.Security.Cryptography;

namespace TracingLab.AppHost.Hosting;

/// <summary>
/// The environment a service gets, in the format a .NET Aspire AppHost injects, so the services would run unchanged
/// under Aspire: OTEL_* for telemetry, ASPNETCORE_URLS, and <c>services__{name}__{endpoint}__0</c> for discovery.
/// </summary>
public static class ServiceEnvironment
{
    /// <summary>Builds the environment of <paramref name="resource"/>.</summary>
    public static Dictionary<string, string> For(
        ProjectResource resource, Uri url, Func<ProjectResource, Uri> urlOf, Func<ProjectResource, string, Uri> linkUrlOf,
        IReadOnlyList<string> links, Uri otlpEndpoint, string? otlpApiKey)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(urlOf);
        ArgumentNullException.ThrowIfNull(linkUrlOf);
        ArgumentNullException.ThrowIfNull(links);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = url.GetLeftPart(UriPartial.Authority),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = resource.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=" + InstanceId(),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint.GetLeftPart(UriPartial.Authority),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            // Aspire's development values: export within a second so a trace shows up while the user still looks.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "1000",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["Lab__Links"] = string.Join(',', links),
        };
        if (otlpApiKey is not null)
        {
            env["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=" + otlpApiKey;
        }

        foreach (var provider in resource.References)
        {
            // The plain endpoint, as Aspire injects it, plus one named endpoint per enabled link (http://_peering.serviceb).
            env[$"services__{provider.Name}__http__0"] = urlOf(provider).GetLeftPart(UriPartial.Authority);
            foreach (var link in links)
            {
                env[$"services__{provider.Name}__{link}__0"] = linkUrlOf(provider, link).GetLeftPart(UriPartial.Authority);
            }
        }

        return env;
    }

    // Aspire uses a short random suffix per replica.
    private static string InstanceId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
