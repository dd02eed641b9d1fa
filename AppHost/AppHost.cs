using TracingLab.AppHost.Hosting;

// The lab's topology, read top to bottom as a wiring diagram: who runs where, who calls whom, who waits for whom.
// Each service is a separate process built with this AppHost; references become Aspire-format service discovery
// (services__serviceb__peering__0=...), one named endpoint per enabled link.
if (!LabArguments.TryParse(args, out var options, out var error))
{
    await Console.Error.WriteLineAsync(error);
    return 2;
}

var lab = new LabBuilder(options);

var servicec = lab.AddProject("servicec", "TracingLab.ServiceC.Ec2", port: 5103); // EC2 in VPC C: inventory, the leaf

var serviceb = lab.AddProject("serviceb", "TracingLab.ServiceB.Eks", port: 5102) // EKS in VPC B: analysis
    .WithReference(servicec)
    .WaitFor(servicec);

lab.AddProject("servicea", "TracingLab.ServiceA.Ecs", port: 5101) // ECS Fargate in VPC A: orders, the entry point
    .WithReference(serviceb)
    .WithReference(servicec)
    .WaitFor(serviceb)
    .WaitFor(servicec);

return await lab.RunAsync();
