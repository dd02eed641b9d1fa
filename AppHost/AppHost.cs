using TracingLab.AppHost.Lab;
using TracingLab.AppHost.LabConsole;
using TracingLab.AppHost.Links;

// The lab's topology, read top to bottom as a wiring diagram: who runs where and who calls whom. Everything starts
// together, as in Aspire's own three-project AppHost; the lab is up when every service and the console answer.
// Each call between services goes through the links too: every enabled link (tgw, peering, privatelink, lattice) is
// a named endpoint of the provider (services__servicec__peering__0), served by that link's relay.
LabRuntime.ShareCores(); // seven processes on a laptop's cores: idle thread-pool workers sleep instead of spinning
var builder = DistributedApplication.CreateBuilder(args);
if (!LocalLab.TryCreate(builder, args, out var lab, out var error))
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

try
{
    var links = builder.AddLinks(lab); // one resource per enabled link, switchable from the dashboard

    // Declared first: the services export OTLP to it, the lab's stand-in for the ADOT collector (configured below).
    var console = builder.AddLabConsole("labconsole");

    var servicec = builder.AddProject<Projects.ServiceC_Ec2>("servicec", launchProfileName: null) // EC2 in VPC C: inventory, the leaf
        .AsLabService(lab, port: 5103)
        .WithOtlpThroughConsole(console);

    var serviceb = builder.AddProject<Projects.ServiceB_Eks>("serviceb", launchProfileName: null) // EKS in VPC B: analysis
        .AsLabService(lab, port: 5102)
        .WithOtlpThroughConsole(console)
        .WithReference(servicec, links);

    var servicea = builder.AddProject<Projects.ServiceA_Ecs>("servicea", launchProfileName: null) // ECS Fargate in VPC A: orders, the entry point
        .AsLabService(lab, port: 5101)
        .WithOtlpThroughConsole(console)
        .WithReference(serviceb, links)
        .WithReference(servicec, links);

    console // the X-Ray view, the Links page, the comparisons; the services' OTLP intake, forwarding to the dashboard
        .AsLabConsole(lab, links, entry: servicea, port: 18880);
}
catch (LabStartException e)
{
    // A stable port already taken (an earlier lab still running?): say which and how to get round it, exit like a bad option.
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

await builder.Build().RunAsync();
return 0;
