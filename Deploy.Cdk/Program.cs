using Amazon.CDK;
using TracingLab.Deploy;
using TracingLab.Deploy.Cicd;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Kubernetes;

// Context comes from the CDK CLI (-c key=value, cdk.json) or, for `dotnet run`, from `-- -c key=value` arguments.
var app = new App(new AppProps
{
    Context = CommandLineContext.Parse(args),
    Outdir = System.Environment.GetEnvironmentVariable("CDK_OUTDIR") ?? "cdk.out",
});

var repositoryRoot = RepositoryRoot.Find(Directory.GetCurrentDirectory());
LabSettings settings;
CicdSettings? cicd;
TracingLab.Contracts.Faults.Experiment? experiment;
try
{
    settings = LabContext.Read(
        app.Node.TryGetContext,
        System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
        System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
        BuildTag.FromGit(repositoryRoot));
    cicd = CicdContext.Read(app.Node.TryGetContext);
    experiment = ExperimentContext.Read(app.Node.TryGetContext, settings.Links);
}
catch (LabContextException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

var env = new Amazon.CDK.Environment { Region = settings.Region };
var images = new LabImagesStack(app, "TracingLab-Images", new StackProps { Env = env, Description = "TracingLab: ECR repositories" });
var lab = new TracingLabStack(app, "TracingLab", new TracingLabStackProps
{
    Settings = settings,
    Env = env,
    RepositoryRoot = repositoryRoot,
    Experiment = experiment,
    Description = $"TracingLab: three VPCs and services, links: {(settings.Links.Count == 0 ? "none" : string.Join(",", settings.Links.Select(l => l.Name())))}",
});
lab.AddDependency(images, "services run images pushed to the lab's repositories");

// The CI/CD roles are deployed once per account, apart from the lab; only they need githubRepo (docs/cicd.md).
if (cicd is null)
{
    await Console.Error.WriteLineAsync(CicdContext.LeftOutNote);
}
else
{
    _ = new CicdStack(app, CicdStack.DefaultName, new CicdStackProps { Settings = cicd, Env = env, Description = "TracingLab: GitHub OIDC roles" });
}

var assembly = app.Synth();

// Service B's Kubernetes objects go next to the templates, for `kubectl apply -f cdk.out/k8s/`.
var k8s = Path.Combine(assembly.Directory, "k8s");
ServiceBManifests.Write(k8s, lab.ServiceB.ManifestProps);
if (settings.Account is null)
{
    await Console.Error.WriteLineAsync($"note: no CDK_DEFAULT_ACCOUNT, so image URIs in {k8s} carry the placeholder ACCOUNT_ID.");
}

return 0;
