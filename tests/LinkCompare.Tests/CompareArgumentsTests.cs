using System.Net;
using System.Net.Sockets;
using TracingLab.LinkCompare.Tool;

namespace TracingLab.LinkCompare.Tests;

public sealed class CompareArgumentsTests
{
    [Theory]
    [InlineData("--rate abc", "--rate: 'abc' is not a number; allowed: a number, more than 0 and at most 5000 requests/s per link.")]
    [InlineData("--rate 0", "--rate: 0 is out of range; allowed: more than 0 and at most 5000 requests/s per link.")]
    [InlineData("--rate 5001", "--rate: 5001 is out of range")]
    [InlineData("--duration -1", "--duration: -1 is out of range; allowed: more than 0 and at most 3600 seconds.")]
    [InlineData("--trace-sample 1.5", "--trace-sample: '1.5' is not a whole number")]
    [InlineData("--warmup x", "--warmup: 'x' is not a number; allowed: a number, at least 0 and at most 600 seconds (or auto).")]
    [InlineData("--warmup 601", "--warmup: 601 is out of range")]
    [InlineData("--timeout 0", "--timeout: 0 is out of range")]
    [InlineData("--azs 4", "--azs: 4 is out of range; allowed: at least 2 and at most 3")]
    [InlineData("--links tgw,vpn", "--links: 'vpn' is not a link; allowed: tgw, peering, privatelink, lattice.")]
    [InlineData("--links tgw,tgw", "--links: 'tgw,tgw' names a link twice")]
    [InlineData("--links ,", "--links: ',' names no link")]
    [InlineData("--dashboard ftp://x", "--dashboard: 'ftp://x' is not an absolute http(s) URL or 'none'; allowed: the Aspire dashboard's URL")]
    [InlineData("--console 18880", "--console: '18880' is not an absolute http(s) URL or 'none'; allowed: the lab console's URL")]
    [InlineData("--prices /no/such/prices.json", "--prices: '/no/such/prices.json' does not exist")]
    [InlineData("--colour red", "'--colour' is not a known flag; allowed: --target,")]
    [InlineData("--resamples 50", "--resamples: 50 is out of range; allowed: at least 100 and at most 100000 resamples.")]
    [InlineData("--resamples 2000.5", "--resamples: '2000.5' is not a whole number")]
    [InlineData("--confidence 1", "--confidence: 1 is out of range; allowed: at least 0.5 and at most 0.999")]
    [InlineData("--confidence high", "--confidence: 'high' is not a number")]
    [InlineData("--seed -1", "--seed: -1 is out of range")]
    [InlineData("--floor maybe", "--floor: 'maybe' is not on or off; allowed: on, off.")]
    [InlineData("--rate", "--rate: no value given")]
    [InlineData("--rate 1 --rate 2", "--rate: given twice ('1' and '2')")]
    public async Task ABadFlagExitsWith2NamingTheFlagValueAndWhatIsAllowed(string flags, string expected)
    {
        var (exit, _, err) = await RunAsync(["--target", "http://127.0.0.1:5101", .. flags.Split(' ')]);
        Assert.Equal(CompareCommand.BadUsage, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "--target: missing")]
    [InlineData("--target not-a-url", "--target: 'not-a-url' is not an absolute http(s) URL")]
    [InlineData("--target ftp://127.0.0.1/", "--target: 'ftp://127.0.0.1/' is not an absolute http(s) URL")]
    [InlineData("--target /relative", "--target: '/relative' is not an absolute http(s) URL")]
    public async Task ABadTargetExitsWith2(string flags, string expected)
    {
        var (exit, _, err) = await RunAsync(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(CompareCommand.BadUsage, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadFlagIsReportedAtOnce()
    {
        var (exit, _, err) = await RunAsync(["--target", "x", "--rate", "-1", "--links", "foo"]);
        Assert.Equal(CompareCommand.BadUsage, exit);
        Assert.Contains("--target: 'x'", err, StringComparison.Ordinal);
        Assert.Contains("--rate: -1", err, StringComparison.Ordinal);
        Assert.Contains("--links: 'foo'", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableTargetExitsWith2AfterThePreflight()
    {
        var port = FreePort();
        var (exit, _, err) = await RunAsync(["--target", $"http://127.0.0.1:{port}", "--timeout", "2"]);
        Assert.Equal(CompareCommand.BadUsage, exit);
        Assert.Contains($"--target: http://127.0.0.1:{port}/ is unreachable", err, StringComparison.Ordinal);
        Assert.Contains("GET /lab/hops?via=tgw", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkTheTargetHasNotEnabledExitsWith2ListingTheEnabledLinks()
    {
        await using var lab = await FakeLab.StartAsync(enabled: ["tgw", "peering"]);
        var (exit, _, err) = await RunAsync(["--target", lab.Url.ToString(), "--dashboard", "none"]);
        Assert.Equal(CompareCommand.BadUsage, exit);
        Assert.Contains("--links: 'privatelink' is not enabled at", err, StringComparison.Ordinal);
        Assert.Contains("enabled links there: tgw, peering.", err, StringComparison.Ordinal);
        Assert.Equal(2, lab.HopsRequests);
    }

    [Fact]
    public async Task TheApiKeyComesFromTheEnvironmentWhenTheFlagIsAbsent()
    {
        var options = CompareArguments.Parse(["--target", "http://127.0.0.1:5101"], n => n == CompareArguments.ApiKeyVariable ? "from-env" : null, DateTimeOffset.UnixEpoch);
        Assert.Equal("from-env", options.ApiKey);
        Assert.Equal(Path.Combine("artifacts", "link-compare", "19700101-000000"), options.OutDirectory);
        Assert.Equal(["tgw", "peering", "privatelink", "lattice"], options.Links);
        Assert.Equal(("local", 50.0, 60.0), (options.Environment, options.Rate, options.Duration.TotalSeconds));
        Assert.Equal((CompareOptions.DefaultDashboard, CompareOptions.DefaultConsole), (options.Dashboard, options.Console));
        var flag = CompareArguments.Parse(["--target=http://x", "--api-key=from-flag", "--dashboard", "none", "--console", "none"], _ => "from-env", DateTimeOffset.UnixEpoch);
        Assert.Equal(("from-flag", "aws"), (flag.ApiKey, flag.Environment));
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(null, true, 60.0)]
    [InlineData("auto", true, 60.0)]
    [InlineData("0", false, 0.0)]
    [InlineData("2.5", false, 2.5)]
    public void TheWarmupIsAutomaticUnlessSecondsAreGiven(string? warmup, bool auto, double seconds)
    {
        string[] args = warmup is null ? ["--target", "http://127.0.0.1:5101"] : ["--target", "http://127.0.0.1:5101", "--warmup", warmup];
        var options = CompareArguments.Parse(args, _ => null, DateTimeOffset.UnixEpoch);
        Assert.Equal((auto, seconds), (options.AutoWarmup, options.Warmup.TotalSeconds));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--help --rate nonsense")]
    public async Task HelpPrintsTheUsageAndExits0(string flags)
    {
        var (exit, output, _) = await RunAsync(flags.Split(' '));
        Assert.Equal(0, exit);
        Assert.Contains("--target <url>", output, StringComparison.Ordinal);
        Assert.Contains("--self-bench", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongValueIsEchoedCutToItsFirst200Characters()
    {
        var (exit, _, err) = await RunAsync(["--target", "http://127.0.0.1:5101", "--rate", new string('9', 5000) + "x"]);
        Assert.Equal(CompareCommand.BadUsage, exit);
        Assert.Contains($"--rate: '{new string('9', 200)}…' (5001 characters) is not a number", err, StringComparison.Ordinal);
        Assert.True(err.Length < 1000, err);
    }

    [Fact]
    public async Task AWordAfterAValueIsRefusedNamingIt()
    {
        var (exit, _, err) = await RunAsync(["--target", "http://127.0.0.1:5101", "--rate", "5", "6"]);
        Assert.Equal(CompareCommand.BadUsage, exit);
        Assert.Contains("'6' follows no flag", err, StringComparison.Ordinal);
    }

    internal static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, Func<string, string?>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CompareCommand.RunAsync(args, output, error, environment ?? (_ => null)).WaitAsync(TimeSpan.FromSeconds(60));
        return (exit, output.ToString(), error.ToString());
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
