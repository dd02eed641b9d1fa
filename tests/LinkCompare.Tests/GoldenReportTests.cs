using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Report;

namespace TracingLab.LinkCompare.Tests;

/// <summary>
/// The report rendered from a recorded run (Golden/run.json: the compare command against the local lab with its relays,
/// 50/s per link for 10 s) must equal the committed golden files byte for byte.
/// After an intended change to the report, regenerate the golden files and review the diff:
/// <c>UPDATE_GOLDEN=1 dotnet test tests/LinkCompare.Tests -c Release --filter GoldenReportTests</c>.
/// </summary>
public sealed class GoldenReportTests
{
    private static readonly string Golden = Path.Combine(RepoPaths.TestProject(), "Golden");
    private static readonly bool Update = Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Files => new() { ReportWriter.ReportFile, ReportMarkdown.LatencyCdfFile, ReportMarkdown.HopBreakdownFile, ReportMarkdown.ErrorRatesFile };

    [Theory]
    [MemberData(nameof(Files))]
    public void TheReportOfTheRecordedRunEqualsTheGoldenFile(string file)
    {
        var run = RecordedRun();
        var rendered = file switch
        {
            ReportWriter.ReportFile => ReportMarkdown.Render(run),
            ReportMarkdown.LatencyCdfFile => ReportCharts.LatencyCdf(run),
            ReportMarkdown.HopBreakdownFile => ReportCharts.HopBreakdown(run),
            _ => ReportCharts.ErrorRates(run),
        };
        var path = Path.Combine(Golden, file);
        if (Update)
        {
            File.WriteAllText(path, rendered, new UTF8Encoding(false));
        }

        var expected = File.ReadAllText(path);
        if (expected != rendered)
        {
            var line = FirstDifference(expected, rendered);
            Assert.Fail($"{file} differs from the golden file at line {line.Number}:\n  golden:   {line.Expected}\n  rendered: {line.Actual}\nIf the change is intended: UPDATE_GOLDEN=1 dotnet test tests/LinkCompare.Tests --filter GoldenReportTests");
        }
    }

    [Theory]
    [InlineData(ReportMarkdown.LatencyCdfFile)]
    [InlineData(ReportMarkdown.HopBreakdownFile)]
    [InlineData(ReportMarkdown.ErrorRatesFile)]
    public void TheGoldenChartsAreWellFormedSvg(string file)
    {
        var document = XDocument.Load(Path.Combine(Golden, file));
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal(svg + "svg", document.Root!.Name);
        Assert.NotNull(document.Root.Attribute("viewBox"));
        Assert.NotEmpty(document.Root.Elements(svg + "title"));
    }

    [Fact]
    public void TheRecordedRunHasThreeLinksWithDistinctPrivateLinkAddresses()
    {
        var run = RecordedRun();
        Assert.Equal(["tgw", "peering", "privatelink"], run.Links.Select(l => l.Link));
        Assert.All(run.Links, l => Assert.True(l.Latency.Count > 0 && l.Cdf.Count > 0, $"{l.Link} has no latency"));
        var privateLink = run.Links[2].RemoteAddresses.Select(a => a.Address).ToHashSet();
        var others = run.Links.Take(2).SelectMany(l => l.RemoteAddresses).Select(a => a.Address).ToHashSet();
        Assert.Empty(privateLink.Intersect(others));
        Assert.NotNull(run.Cost);
    }

    [Fact]
    public async Task TheWriterWritesTheGoldenFilesAndARunJsonThatReadsBackEqual()
    {
        var run = RecordedRun();
        var directory = Path.Combine(Path.GetTempPath(), $"link-compare-golden-{Guid.NewGuid():N}");
        try
        {
            var report = await ReportWriter.WriteAsync(run, directory);
            Assert.Equal(Path.Combine(directory, "report.md"), report);
            foreach (var file in new[] { ReportWriter.ReportFile, ReportMarkdown.LatencyCdfFile, ReportMarkdown.HopBreakdownFile, ReportMarkdown.ErrorRatesFile })
            {
                Assert.True(File.ReadAllText(Path.Combine(Golden, file)) == File.ReadAllText(Path.Combine(directory, file)), $"{file} written differs from the golden file");
            }

            var again = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(directory, ReportWriter.RunFile)), LinkCompareJson.Default.CompareRun)!;
            Assert.Equal(JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun), JsonSerializer.Serialize(again, LinkCompareJson.Default.CompareRun));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static CompareRun RecordedRun() =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Golden, "run.json")), LinkCompareJson.Default.CompareRun)
        ?? throw new InvalidOperationException("Golden/run.json is null");

    private static (int Number, string Expected, string Actual) FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "(end)";
            var y = i < a.Length ? a[i] : "(end)";
            if (x != y)
            {
                return (i + 1, x, y);
            }
        }

        return (0, "", "");
    }
}
