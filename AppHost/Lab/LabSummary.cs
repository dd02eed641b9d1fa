using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TracingLab.AppHost.Lab;

/// <summary>
/// Prints, in the AppHost's log, each lab resource as it becomes ready (name and URL) and, once every one is, what to
/// try next. Scripts and the benchmarks read the "ready at" lines to find the services when ports are random.
/// </summary>
public static class LabSummary
{
    /// <summary>Logs a line when <paramref name="resource"/> is ready, and the summary when all of <paramref name="all"/> are.</summary>
    public static IResourceBuilder<T> WithReadyLine<T>(this IResourceBuilder<T> resource, LabReadiness all)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(all);
        all.Expect(resource.Resource.Name);
        var url = $"http://127.0.0.1:{LabPorts.PortOf(resource.Resource)}";
        return resource.OnResourceReady((r, e, ct) =>
        {
            var log = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TracingLab");
            LabLog.Ready(log, r.Name, url);
            if (all.MarkReady(r.Name, url) is { } urls)
            {
                var serviceA = urls.GetValueOrDefault("servicea", "http://127.0.0.1:5101");
                var console = urls.GetValueOrDefault("labconsole", "http://127.0.0.1:18880");
                LabLog.Up(log, serviceA, console);
            }

            return Task.CompletedTask;
        });
    }
}

/// <summary>Which lab resources are ready, for <see cref="LabSummary"/>.</summary>
public sealed class LabReadiness
{
    private readonly Dictionary<string, string?> _urls = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every expected resource is ready (an experiment's timeline starts then).</summary>
    public Task AllReady => _allReady.Task;

    internal void Expect(string name)
    {
        lock (_lock)
        {
            _urls[name] = null;
        }
    }

    // The URLs once the last expected resource is ready (only that once), otherwise null.
    internal Dictionary<string, string>? MarkReady(string name, string url)
    {
        lock (_lock)
        {
            var wasComplete = _urls.Values.All(u => u is not null);
            _urls[name] = url;
            if (wasComplete || !_urls.Values.All(u => u is not null))
            {
                return null;
            }

            _allReady.TrySetResult();
            return _urls.ToDictionary(u => u.Key, u => u.Value!, StringComparer.Ordinal);
        }
    }
}

internal static partial class LabLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} ready at {Url}")]
    public static partial void Ready(ILogger logger, string resource, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "TracingLab is up. Try: curl {ServiceA}/lab/hops?via=peering  ·  X-Ray view and links: {Console}  ·  compare the links: dotnet run --project tools/LinkCompare -c Release -- --target {ServiceA} --console {Console}")]
    public static partial void Up(ILogger logger, string serviceA, string console);
}
