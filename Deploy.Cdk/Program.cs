using Amazon.CDK;
using TracingLab.Deploy;
using TracingLab.Deploy.Configuration;

// Context comes from the CDK CLI (-c key=value, cdk.json) or, for `dotnet run`, from `-- -c key=value` arguments.
var app = new App(new AppProps
{
    Context = CommandLineContext.Parse(args),
    Outdir = System.Environment.GetEnvironmentVariable("CDK_OUTDIR") ?? "cdk.out",
});

LabSettings settings;
try
{
    settings = LabContext.Read(
        app.Node.TryGetContext,
        System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
        System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"));
}
catch (LabContextException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

_ = new TracingLabStack(app, "TracingLab", new TracingLabStackProps
{
    Settings = settings,
    Env = new Amazon.CDK.Environment { Region = settings.Region },
    Description = $"TracingLab: three VPCs and services, links: {(settings.Links.Count == 0 ? "none" : string.Join(",", settings.Links.Select(l => l.Name())))}",
});

app.Synth();
return 0;
