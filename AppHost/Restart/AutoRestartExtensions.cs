using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TracingLab.AppHost.Restart;

/// <summary>Auto-restart, which Aspire does not do by itself: a crashed resource is started again with back-off.</summary>
public static class AutoRestartExtensions
{
    /// <summary>
    /// Starts the resource again when it exits on its own with a non-zero code (not when it is stopped from the
    /// dashboard, and not while the AppHost stops), after <paramref name="firstDelay"/>, doubling per crash in a row up
    /// to 30 s. The count shows as the resource's <c>lab.restarts</c> property; each restart is logged in its console.
    /// </summary>
    public static IResourceBuilder<T> WithAutoRestart<T>(this IResourceBuilder<T> resource, TimeSpan firstDelay)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, AutoRestartService>());
        return resource.WithAnnotation(new AutoRestartAnnotation(firstDelay), ResourceAnnotationMutationBehavior.Replace);
    }
}
