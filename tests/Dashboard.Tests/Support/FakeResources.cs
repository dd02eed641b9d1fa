namespace TracingLab.Dashboard.Tests.Support;

/// <summary>Three healthy lab resources with env (including secrets) and console lines, as the AppHost would report them.</summary>
public sealed class FakeResources : IResourceSource
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow.AddSeconds(-30);

    public event Action? Changed;

    public IReadOnlyList<ResourceSnapshot> GetResources() =>
    [
        Resource("servicea", 5101, "aws_ecs"),
        Resource("serviceb", 5102, "aws_eks"),
        Resource("servicec", 5103, "aws_ec2"),
    ];

    public IReadOnlyList<ConsoleLine> GetConsole(string resourceName) =>
    [
        new(_started, false, $"info: Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1 ({resourceName})"),
        new(_started.AddSeconds(1), false, "info: Microsoft.Hosting.Lifetime[0] Application started."),
        new(_started.AddSeconds(2), true, "warn: simulated stderr line"),
    ];

    public void RaiseChanged() => Changed?.Invoke();

    private ResourceSnapshot Resource(string name, int port, string platform) => new(
        name, "Project", "Running", "Healthy", [$"http://127.0.0.1:{port}"], 0, 4000 + port, _started,
        new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["OTEL_SERVICE_NAME"] = name,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=super-secret-value",
            ["LAB_PLATFORM"] = platform,
        });
}
