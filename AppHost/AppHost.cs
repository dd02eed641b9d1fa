using TracingLab.AppHost.Lab;
using TracingLab.AppHost.LabConsole;
using TracingLab.AppHost.Links;

// The lab's topology, read top to bottom as a wiring diagram: who runs where, who calls whom, who waits for whom.
// Each call between services goes through the links too: every enabled link (tgw, peering, privatelink) is a named
// endpoint of the provider (services__servicec__peering__0), served by that link's relay.
LabRuntime.ShareCores(); // seven processes on a laptop's cores: idle thread-pool workers sleep instead of spinning
var builder = DistributedApplication.CreateBuilder(args);
if (!LabContext.TryCreate(builder, args, out var lab, out var error))
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

try
{
    var links = builder.AddLinks(lab); // one resource per enabled link, switchable from the dashboard

    var servicec = builder.AddProject<Projects.ServiceC_Ec2>("servicec", launchProfileName: null) // EC2 in VPC C: inventory, the leaf
        .AsLabService(lab, port: 5103);

    var serviceb = builder.AddProject<Projects.ServiceB_Eks>("serviceb", launchProfileName: null) // EKS in VPC B: analysis
        .AsLabService(lab, port: 5102)
        .WithReference(servicec, links)
        .WaitFor(servicec);

    builder.AddProject<Projects.ServiceA_Ecs>("servicea", launchProfileName: null) // ECS Fargate in VPC A: orders, the entry point
        .AsLabService(lab, port: 5101)
        .WithReference(serviceb, links)
        .WithReference(servicec, links)
        .WaitFor(serviceb)
        .WaitFor(servicec);

    builder.AddProject<Projects.LabConsole>("labconsole", launchProfileName: null) // the X-Ray view, the Links page, the comparisons
        .AsLabConsole(lab, links, port: 18880);
}
catch (LabStartException e)
{
    // A stable port already taken (an earlier lab still running?): say which and how to get round it, exit like a bad option.
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

await builder.Build().RunAsync();
return 0;
