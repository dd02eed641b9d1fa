using System.Diagnostics;
using System.Globalization;
using Amazon.CDK;
using TracingLab.Deploy;
using TracingLab.Deploy.Configuration;

// Times synthesis of the full lab (all links on, network and workloads) in one process: the first run pays
// jsii/Node start-up ("cold"), the following runs reuse the jsii runtime ("warm"). Asset bundling (the dotnet
// publish of service C, cached by the CLI between synths) is left out: this measures CDK synthesis.
// Usage: dotnet run -c Release --project bench/CdkSynth [runs]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var context = new Dictionary<string, object> { ["links"] = "tgw,peering,privatelink" };
var settings = LabContext.Read(key => context.GetValueOrDefault(key), "us-east-1", buildTag: "bench");
var times = new List<double>();
var repositoryRoot = RepositoryRoot.Find(Directory.GetCurrentDirectory());

for (var i = 0; i <= runs; i++)
{
    var outDir = Directory.CreateTempSubdirectory("cdk-synth-bench-").FullName;
    var watch = Stopwatch.StartNew();
    var app = new App(new AppProps
    {
        Outdir = outDir,
        Context = new Dictionary<string, object> { ["aws:cdk:bundling-stacks"] = Array.Empty<string>() },
    });
    _ = new TracingLabStack(app, "TracingLab", new TracingLabStackProps
    {
        Settings = settings,
        Env = new Amazon.CDK.Environment { Region = settings.Region },
        RepositoryRoot = repositoryRoot,
    });
    var assembly = app.Synth();
    watch.Stop();
    using var template = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(assembly.Directory, "TracingLab.template.json")));
    var resources = template.RootElement.GetProperty("Resources").EnumerateObject().Count();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(i == 0 ? "cold" : "warm")} run {i}: {watch.Elapsed.TotalSeconds:F2} s ({resources} resources)"));
    if (i > 0)
    {
        times.Add(watch.Elapsed.TotalSeconds);
    }

    Directory.Delete(outDir, recursive: true);
}

times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"warm: min {times[0]:F2} s, median {times[times.Count / 2]:F2} s, max {times[^1]:F2} s over {times.Count} runs"));
