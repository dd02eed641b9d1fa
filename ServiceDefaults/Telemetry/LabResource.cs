using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;

namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>
/// The resource every signal carries: <c>service.name</c>, <c>service.instance.id</c> (from
/// <c>OTEL_RESOURCE_ATTRIBUTES</c> when the AppHost or Aspire gives one), <c>cloud.provider=aws</c>,
/// <c>cloud.platform</c> from <c>Lab:Platform</c> and <c>deployment.environment</c>.
/// </summary>
public static class LabResource
{
    /// <summary>The <c>cloud.platform</c> values of the three compute platforms.</summary>
    public static IReadOnlyList<string> Platforms { get; } = ["aws_ecs", "aws_eks", "aws_ec2"];

    /// <summary>Adds the lab's attributes to <paramref name="resource"/>.</summary>
    public static ResourceBuilder AddLabAttributes(this ResourceBuilder resource, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : environment.ApplicationName;
        var instanceId = InstanceIdFrom(configuration["OTEL_RESOURCE_ATTRIBUTES"]);
        var platform = Platform(configuration);
        var env = environment.EnvironmentName.ToLowerInvariant();
        return resource
            .AddService(serviceName, serviceInstanceId: instanceId, autoGenerateServiceInstanceId: instanceId is null)
            .AddAttributes(
            [
                new("cloud.provider", "aws"),
                new("cloud.platform", platform),
                new("deployment.environment", env),
                new("deployment.environment.name", env),
            ]);
    }

    /// <summary>Reads and checks <c>Lab:Platform</c>.</summary>
    public static string Platform(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var platform = configuration["Lab:Platform"];
        if (string.IsNullOrEmpty(platform) || !Platforms.Contains(platform, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Lab:Platform is '{platform ?? "(not set)"}'; allowed values: {string.Join(", ", Platforms)}.");
        }

        return platform;
    }

    private static string? InstanceIdFrom(string? resourceAttributes) =>
        (resourceAttributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Trim() == "service.instance.id" && kv[1].Trim().Length > 0)
            .Select(kv => Uri.UnescapeDataString(kv[1].Trim()))
            .FirstOrDefault();
}
