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
    /// <summary>
    /// Every combination of the links (16 with tgw, peering, privatelink and lattice), including none, each named by
    /// its links in <see cref="LinkKinds.All"/> order: <c>tgw,peering,privatelink</c>.
    /// </summary>
    public static IReadOnlyList<string> Combinations { get; } = Enumerable.Range(0, 1 << LinkKinds.All.Count)
        .Select(mask => LinkKinds.All.Where((_, i) => (mask & (1 << i)) != 0).Select(l => l.Name()).ToList())
        .OrderBy(links => links.Count)
        .Select(links => links.Count == 0 ? "none" : string.Join(",", links))
        .ToList();

    /// <summary>Every link on.</summary>
    public static string AllLinks { get; } = string.Join(",", LinkKinds.All.Select(l => l.Name()));

    /// <summary>PrivateLink and Lattice, the links that need no routes, with all three VPCs on the same CIDR.</summary>
    public const string Overlapping = "overlapping-privatelink-lattice";

    /// <summary>All links on, three AZs and one NAT gateway per VPC: the largest lab stack.</summary>
    public const string ThreeAzsWithNat = "3azs-nat";

    /// <summary>Peering only, traces through the collector's awsxray exporter (no Transaction Search).</summary>
    public const string AwsXRay = "awsxray-peering";

    /// <summary>All links on, with docs/experiments/mixed.json as -c experiment.</summary>
    public const string MixedExperiment = "experiment-mixed";

    private readonly Dictionary<string, Template> _templates = [];
    private readonly Dictionary<string, JsonElement> _json = [];
    private readonly Dictionary<string, LabSettings> _settings = [];
    private readonly Dictionary<string, Template> _faultTemplates = [];
    private readonly Dictionary<string, JsonElement> _faultJson = [];
    private readonly Dictionary<string, LabTemplate> _network = [];
    private readonly Dictionary<string, JsonElement> _latticeJson = [];

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
            ["links"] = "privatelink,lattice", ["cidrA"] = "10.0.0.0/16", ["cidrB"] = "10.0.0.0/16", ["cidrC"] = "10.0.0.0/16",
        });
        Add(ThreeAzsWithNat, new Dictionary<string, object>
        {
            ["links"] = AllLinks, ["azs"] = "3", ["natGateways"] = "1",
            ["allowedIngressCidrs"] = "203.0.113.0/24", ["alarmEmail"] = "ops@example.com",
            ["eksAdminArn"] = "arn:aws:iam::123456789012:role/LabAdmin", ["traceIndexPercent"] = "25",
        });
        Add(AwsXRay, new Dictionary<string, object> { ["links"] = "peering", ["traceExport"] = "awsxray" });
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
            _network[name] = stack.Lattice is { } lattice
                ? LabTemplate.Merge(_json[name], ReadJson(Path.Combine(assembly.Directory, lattice.TemplateFile)),
                    stack.GetLogicalId((Amazon.CDK.CfnElement)lattice.NestedStackResource!))
                : new LabTemplate(_json[name]);
            if (stack.Lattice is { } l)
            {
                _latticeJson[name] = ReadJson(Path.Combine(assembly.Directory, l.TemplateFile));
            }
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

    /// <summary>
    /// A variant's network as deployed: the lab's template with the Lattice nested stack folded in (when enabled),
    /// what the reachability and start-up walks read.
    /// </summary>
    public LabTemplate NetworkJson(string name) => _network[name];

    /// <summary>The raw template of a variant's nested Lattice stack; throws when lattice is off.</summary>
    public LabTemplate LatticeJson(string name) => new(_latticeJson[name]);

    private static JsonElement ReadJson(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.Clone();
    }

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
