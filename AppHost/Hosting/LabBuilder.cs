using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TracingLab.AppHost.Links;
using TracingLab.Dashboard;

namespace TracingLab.AppHost.Hosting;

/// <summary>Collects the lab's topology, then runs it: the dashboard in-process and each service as a supervised process.</summary>
public sealed class LabBuilder(LabOptions options)
{
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(60);
    private readonly List<(ProjectResource Resource, int Port)> _projects = [];

    /// <summary>The parsed command line.</summary>
    public LabOptions Options { get; } = options;

    /// <summary>Adds a service built with the AppHost, by assembly name, on <paramref name="port"/> unless ports are random.</summary>
    public ProjectResource AddProject(string name, string assemblyName, int port)
    {
        var resource = new ProjectResource(name, assemblyName);
        _projects.Add((resource, port));
        return resource;
    }

    /// <summary>Runs the lab until Ctrl+C or SIGTERM; returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        DashboardServer? dashboard = null;
        LinkRelays? relays = null;
        List<ProcessSupervisor> supervisors = [];
        try
        {
            var ports = new PortAllocator(Options.RandomPorts);
            var urls = _projects.ToDictionary(p => p.Resource, p => new Uri($"http://127.0.0.1:{ports.Next(p.Port)}"));
            var links = relays = StartRelays(urls);
            // As Aspire's unsecured mode: --allow-anonymous opens the OTLP intake too, so no key is injected or checked.
            string? otlpKey = Options.AllowAnonymous ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            dashboard = await DashboardServer.StartAsync(
                new DashboardOptions
                {
                    UiUrl = $"http://127.0.0.1:{ports.Next(18888)}",
                    OtlpGrpcUrl = $"http://127.0.0.1:{ports.Next(18889)}",
                    OtlpHttpUrl = $"http://127.0.0.1:{ports.Next(18890)}",
                    AllowAnonymous = Options.AllowAnonymous,
                    OtlpPrimaryApiKey = otlpKey,
                },
                resources: new DeferredResourceSource(() => supervisors),
                links: links,
                ct: stopping.Token);

            var otlp = Options.OtlpEndpoint ?? dashboard.OtlpGrpcUrl;
            var byResource = new Dictionary<ProjectResource, ProcessSupervisor>();
            foreach (var (resource, _) in _projects)
            {
                var env = ServiceEnvironment.For(
                    resource, urls[resource], p => urls[p], (p, link) => links.UrlOf(resource.Name, p.Name, link),
                    Options.Links, otlp, Options.OtlpEndpoint is null ? otlpKey : null);
                var supervisor = new ProcessSupervisor(
                    resource, ProjectPath(resource.AssemblyName), urls[resource], env,
                    [.. resource.Dependencies.Select(d => byResource[d])], probe, Console.Out, Options.RestartBackoff);
                byResource[resource] = supervisor;
                supervisors.Add(supervisor);
            }

            var running = supervisors.Select(s => s.RunAsync(stopping.Token)).ToList();
            await PrintSummaryAsync(dashboard, supervisors, links, stopping.Token);
            await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            await Task.WhenAll(supervisors.Select(s => s.StopAsync()));
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
            Console.WriteLine("TracingLab stopped.");
            return 0;
        }
        catch (LabStartException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Task.WhenAll(supervisors.Select(s => s.StopAsync()));
            return 1;
        }
        finally
        {
            if (dashboard is not null)
            {
                await dashboard.DisposeAsync();
            }

            if (relays is not null)
            {
                await relays.DisposeAsync();
            }
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            Console.WriteLine($"Received {context.Signal}; stopping every service...");
            stopping.Cancel();
        }
    }

    private async Task PrintSummaryAsync(
        DashboardServer dashboard, IReadOnlyList<ProcessSupervisor> supervisors, LinkRelays relays, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(StartupWait);
        try
        {
            await Task.WhenAll(supervisors.Select(s => s.WaitUntilHealthyAsync(wait.Token)));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Print what is there; the table says which service isn't healthy.
        }

        if (ct.IsCancellationRequested)
        {
            return;
        }

        Console.WriteLine(StartupSummary.Render(Options, dashboard, supervisors, relays));
    }

    // One relay per consumer → provider reference and enabled link; each consumer discovers its providers through them.
    private LinkRelays StartRelays(Dictionary<ProjectResource, Uri> urls)
    {
        var profiles = Options.LinkProfiles;
        if (profiles is null && !LinkProfileSet.TryLoad(LinkProfileSet.DefaultPath, out profiles, out var error))
        {
            throw new LabStartException($"The default link profiles '{LinkProfileSet.DefaultPath}' {error}. Rebuild the AppHost or pass --link-profiles <file>.");
        }

        var edges = _projects.SelectMany(p => p.Resource.References.Select(r => (p.Resource.Name, r.Name, new IPEndPoint(IPAddress.Loopback, urls[r].Port))));
        return LinkRelays.Start(
            [.. _projects.Select(p => p.Resource.Name)], edges, Options.Links,
            profiles.With(Options.LinkDelays, Options.LinkJitters), TimeProvider.System, Console.Out);
    }

    private static string ProjectPath(string assemblyName)
    {
        var path = typeof(LabBuilder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "lab-project:" + assemblyName)?.Value;
        if (path is null || !File.Exists(path))
        {
            throw new LabStartException(
                $"The built service '{assemblyName}' was not found (recorded path: '{path ?? "none"}'). Build the AppHost with " +
                "`dotnet build AppHost`, which builds the services with it.");
        }

        return path;
    }

    // The dashboard starts before the supervisors exist (their environment names its OTLP endpoint).
    private sealed class DeferredResourceSource(Func<IReadOnlyList<ProcessSupervisor>> supervisors) : IResourceSource
    {
        private LabResourceSource? _source;

        public event Action? Changed
        {
            add => Source.Changed += value;
            remove => Source.Changed -= value;
        }

        private LabResourceSource Source => _source ??= new LabResourceSource(supervisors());

        public IReadOnlyList<ResourceSnapshot> GetResources() => Source.GetResources();

        public IReadOnlyList<ConsoleLine> GetConsole(string resourceName) => Source.GetConsole(resourceName);
    }
}
