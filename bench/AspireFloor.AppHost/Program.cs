// The three services as Aspire runs any project, and nothing else: the floor the lab's AppHost is measured against.
// Ports come from the command line (Floor:servicea=PORT ...) so the benchmark knows where to ask /health; 0 or none
// lets Aspire choose. Not proxied and on 127.0.0.1, as the lab runs them, so both pay the same for their endpoints.
var builder = DistributedApplication.CreateBuilder(args);
builder.AddProject<Projects.ServiceC_Ec2>("servicec", launchProfileName: null).AsFloorService(builder, "servicec");
builder.AddProject<Projects.ServiceB_Eks>("serviceb", launchProfileName: null).AsFloorService(builder, "serviceb");
builder.AddProject<Projects.ServiceA_Ecs>("servicea", launchProfileName: null).AsFloorService(builder, "servicea");
await builder.Build().RunAsync();

internal static class FloorServices
{
    public static IResourceBuilder<ProjectResource> AsFloorService(
        this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder, string name)
    {
        int? port = int.TryParse(builder.Configuration[$"Floor:{name}"], out var p) && p > 0 ? p : null;
        return service
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithEndpoint("http", e => e.TargetHost = "127.0.0.1")
            .WithHttpHealthCheck("/health");
    }
}
