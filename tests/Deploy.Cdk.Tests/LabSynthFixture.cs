using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy.Tests;

/// <summary>
/// Synthesizes every lab variant once per test run, in one App (one jsii session), and shares the templates.
/// Synthesis is the expensive part (Node start-up plus CDK), so assertions never re-synthesize.
/// </summary>
public sealed class LabSynthFixture : IDisposable
{
    /// <summary>All 8 combinations of {tgw, peering, privatelink}, including none.</summary>
    public static IReadOnlyList<string> Combinations { get; } =
    [
        "none", "tgw", "peering", "privatelink", "tgw,peering", "tgw,privatelink", "peering,privatelink", "tgw,peering,privatelink",
    ];

    /// <summary>PrivateLink alone with all three VPCs on the same CIDR.</summary>
    public const string Overlapping = "overlapping-privatelink";

    /// <summary>All links on, three AZs and one NAT gateway per VPC.</summary>
    public const string ThreeAzsWithNat = "3azs-nat";

    /// <summary>All links on, with docs/experiments/mixed.json as -c experiment.</summary>
    public const string MixedExperiment = "experiment-mixed";

    private readonly Dictionary<string, Template> _templates = [];
    private readonly Dictionary<string, JsonElement> _json = [];
    private readonly Dictionary<string, LabSettings> _settings = [];
    private readonly Dictionary<string, Template> _faultTemplates = [];
    private readonly Dictionary<string, JsonElement> _faultJson = [];

    public LabSynthFixture()
    {
        OutDir = Directory.CreateTempSubdirectory("tracinglab-synth-").FullName;
        RepositoryRoot = Deploy.RepositoryRoot.Find(AppContext.BaseDirectory);
        var app = new App(new AppProps
        {
            Outdir = OutDir,
            // No asset bundling (dotnet publish of service C) in tests: assets keep their source hash.
            Context = new Dictionary<string, object> { ["aws:cdk:bundling-stacks"] = Array.Empty<string>() },
        });
        var stacks = new Dictionary<string, TracingLabStack>();

        foreach (var combination in Combinations)
        {
            Add(combination, new Dictionary<string, object> { ["links"] = combination });
        }

        Add(Overlapping, new Dictionary<string, object>
        {
            ["links"] = "privatelink", ["cidrA"] = "10.0.0.0/16", ["cidrB"] = "10.0.0.0/16", ["cidrC"] = "10.0.0.0/16",
        });
        Add(ThreeAzsWithNat, new Dictionary<string, object>
        {
            ["links"] = "tgw,peering,privatelink", ["azs"] = "3", ["natGateways"] = "1",
            ["allowedIngressCidrs"] = "203.0.113.0/24", ["alarmEmail"] = "ops@example.com",
            ["eksAdminArn"] = "arn:aws:iam::123456789012:role/LabAdmin",
        });
        Add(MixedExperiment, new Dictionary<string, object>
        {
            ["links"] = "tgw,peering,privatelink",
            [ExperimentContext.ExperimentKey] = Path.Combine(RepositoryRoot, "docs", "experiments", "mixed.json"),
        });
        var images = new LabImagesStack(app, "Lab-images", new StackProps { Env = new Amazon.CDK.Environment { Region = "us-east-1" } });

        var assembly = app.Synth();
        ImagesTemplate = Amazon.CDK.Assertions.Template.FromStack(images);
        foreach (var (name, stack) in stacks)
        {
            Stacks[name] = stack;
            _templates[name] = Amazon.CDK.Assertions.Template.FromStack(stack);
            var file = Path.Combine(assembly.Directory, stack.TemplateFile);
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            _json[name] = doc.RootElement.Clone();
            _faultTemplates[name] = Amazon.CDK.Assertions.Template.FromStack(stack.Faults);
            using var faults = JsonDocument.Parse(File.ReadAllText(Path.Combine(assembly.Directory, stack.Faults.TemplateFile)));
            _faultJson[name] = faults.RootElement.Clone();
        }

        void Add(string name, Dictionary<string, object> context)
        {
            var settings = LabContext.Read(key => context.GetValueOrDefault(key), "us-east-1", "123456789012", "0123456789ab");
            _settings[name] = settings;
            stacks[name] = new TracingLabStack(app, StackName(name), new TracingLabStackProps
            {
                Settings = settings,
                Env = new Amazon.CDK.Environment { Region = settings.Region },
                RepositoryRoot = RepositoryRoot,
                Experiment = ExperimentContext.Read(key => context.GetValueOrDefault(key), settings.Links),
            });
        }
    }

    /// <summary>The repository root (for service C's asset).</summary>
    public string RepositoryRoot { get; }

    /// <summary>The ECR stack.</summary>
    public Template ImagesTemplate { get; }

    /// <summary>The stacks, by variant (for the constructs' own outputs, e.g. the Kubernetes manifests).</summary>
    public Dictionary<string, TracingLabStack> Stacks { get; } = [];

    /// <summary>The cloud assembly directory holding every variant's template.</summary>
    public string OutDir { get; }

    /// <summary>CDK assertions over a variant.</summary>
    public Template Template(string name) => _templates[name];

    /// <summary>The raw template of a variant.</summary>
    public LabTemplate Json(string name) => new(_json[name]);

    /// <summary>CDK assertions over a variant's nested FIS stack.</summary>
    public Template FaultsTemplate(string name) => _faultTemplates[name];

    /// <summary>The raw template of a variant's nested FIS stack.</summary>
    public LabTemplate FaultsJson(string name) => new(_faultJson[name]);

    /// <summary>The settings a variant was built from.</summary>
    public LabSettings Settings(string name) => _settings[name];

    public static string StackName(string name) => "Lab-" + name.Replace(',', '-');

    public void Dispose()
    {
        try
        {
            Directory.Delete(OutDir, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SynthCollection : ICollectionFixture<LabSynthFixture>
{
    public const string Name = "synth";
}
