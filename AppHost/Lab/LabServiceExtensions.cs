using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using TracingLab.AppHost.Restart;

namespace TracingLab.AppHost.Lab;

/// <summary>How the AppHost runs each of the three services.</summary>
public static class LabServiceExtensions
{
    /// <summary>
    /// Runs the service as a lab process (<see cref="AsLabProcess"/>), restarted when it crashes and stopped before the
    /// AppHost exits (<see cref="LabShutdown"/>), while the lab console it exports to is still up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsLabService(
        this IResourceBuilder<ProjectResource> service, LocalLab lab, int port)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(lab);
        service.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LabShutdown>());
        return service
            .AsLabProcess(lab, port)
            .WithAutoRestart(lab.Options.RestartBackoff)
            .WithAnnotation(new StopFirstAnnotation());
    }

    /// <summary>
    /// Runs the process on http://127.0.0.1:<paramref name="port"/> (or a free port with random ports), not proxied, so a callee sees its caller's real
    /// address (Aspire's proxy would hide it, and privatelink's NLB address with it); as Development, which the
    /// services report as <c>deployment.environment</c>; with a readiness check on <c>/health</c> and a line in the
    /// AppHost's log once it answers (the lab is "up" when every lab process has).
    /// </summary>
#pragma warning disable ASPIRECERTIFICATES001 // WithoutHttpsCertificate is experimental; the services serve plain HTTP on loopback.
    public static IResourceBuilder<T> AsLabProcess<T>(this IResourceBuilder<T> service, LocalLab lab, int port)
        where T : IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithArgs
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(lab);
        port = lab.Ports.For(port);
        var name = service.Resource.Name;
        var url = new Uri($"http://127.0.0.1:{port}");
        var check = $"{name}-ready";
        service.ApplicationBuilder.Services.AddHttpClient();
        // Each poll of a service that is still starting fails by design; its request logs are noise at Information.
        service.ApplicationBuilder.Services.AddLogging(l => l.AddFilter($"System.Net.Http.HttpClient.{nameof(ReadinessCheck)}", LogLevel.Warning));
        service.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(check, sp => new ReadinessCheck(sp.GetRequiredService<IHttpClientFactory>(), new Uri(url, "/health")), HealthStatus.Unhealthy, tags: null, ReadinessCheck.Timeout));
        return service
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithEndpoint("http", e => e.TargetHost = "127.0.0.1")
            .WithoutHttpsCertificate()
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithHealthCheck(check)
            .WithReadyLine(lab.Readiness);
    }
#pragma warning restore ASPIRECERTIFICATES001
}
