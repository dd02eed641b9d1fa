// No resource at all: DCP and the Aspire dashboard alone, the floor of any AppHost's start and stop.
var builder = DistributedApplication.CreateBuilder(args);
await builder.Build().RunAsync();
