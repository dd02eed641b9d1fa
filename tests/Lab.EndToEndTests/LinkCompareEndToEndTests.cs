using System.Text.Json;
using TracingLab.LinkCompare.Model;
using TracingLab.LinkCompare.Tool;

namespace Lab.EndToEndTests;

/// <summary>The documented compare command, run in-process against the real lab (anonymous), all three links.</summary>
[Collection("lab")]
public sealed class LinkCompareEndToEndTests(AspireLab lab) : IClassFixture<AspireLab>, IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"link-compare-e2e-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task TheCompareCommandReportsThreeLinksWithDistinctPrivateLinkAddressesAndACostTable()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CompareCommand.RunAsync(
            ["--target", lab.Url("servicea").ToString(), "--dashboard", lab.DashboardUrl.ToString(),
             "--rate", "10", "--duration", "3", "--warmup", "1", "--trace-wait", "2", "--out", _out],
            output, error, _ => null).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exit == CompareCommand.Ok, $"exit {exit}\nstdout: {output}\nstderr: {error}");
        var run = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(_out, "run.json")), LinkCompareJson.Default.CompareRun)!;
        var seen = string.Join("; ", run.Links.Select(l => $"{l.Link}: sent {l.Sent}, failed {l.Failed} ({string.Join(",", l.Errors.Keys)}), addresses {string.Join(",", l.RemoteAddresses.Select(a => $"{a.Hop}={a.Address}"))}"));

        Assert.True(run.Links.Select(l => l.Link).SequenceEqual(["tgw", "peering", "privatelink", "lattice"]), seen);
        Assert.All(run.Links, l => Assert.True(l.Sent == 30 && l.Latency.Count == 30 && l.Cdf.Count > 0, seen));
        Assert.All(run.Links, l => Assert.True(l.Succeeded > 0, seen));
        Assert.Equal(["tgw", "peering", "privatelink", "lattice"], run.Cost!.Lines.Select(c => c.Link));

        // PrivateLink: the callee sees the emulated NLB's address, never the caller's own.
        var privateLink = run.Links[2].RemoteAddresses.Select(a => a.Address).ToHashSet();
        var others = run.Links.Take(2).SelectMany(l => l.RemoteAddresses).Select(a => a.Address).ToHashSet();
        Assert.True(privateLink.Count > 0 && !privateLink.Contains("127.0.0.1") && !privateLink.Overlaps(others), seen);
        // Lattice: the callee sees Lattice's own link-local stand-in.
        Assert.True(run.Links[3].RemoteAddresses.All(a => a.Address.StartsWith("127.0.171.", StringComparison.Ordinal)), seen);

        var report = await File.ReadAllTextAsync(Path.Combine(_out, "report.md"));
        Assert.Contains("## Cost at the measured traffic", report, StringComparison.Ordinal);
        Assert.Contains("![Latency CDF per link](latency-cdf.svg)", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, "latency-cdf.svg")), "no latency-cdf.svg");
    }
}
