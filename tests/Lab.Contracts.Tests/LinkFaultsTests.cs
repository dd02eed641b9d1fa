using TracingLab.Contracts.Faults;

namespace Lab.Contracts.Tests;

public class LinkFaultsTests
{
    public static TheoryData<string, LinkFault> EveryKind => new()
    {
        { "peering=latency:200ms", new("peering", new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.Zero, TimeSpan.Zero, 0)) },
        { "peering=latency:200ms~50ms:spike=1s/1%", new("peering", new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), 1)) },
        { "tgw=latency:delay=1.5s@response", new("tgw", new LatencyFault(TimeSpan.FromMilliseconds(1500), TimeSpan.Zero, TimeSpan.Zero, 0), FaultDirection.Response) },
        { "tgw=jitter:30ms", new("tgw", new JitterFault(TimeSpan.FromMilliseconds(30))) },
        { "privatelink=loss:5%", new("privatelink", new LossFault(5)) },
        { "privatelink=loss:0.5%@request", new("privatelink", new LossFault(0.5), FaultDirection.Request) },
        { "tgw=blackhole", new("tgw", new BlackholeFault()) },
        { "tgw=blackhole@both", new("tgw", new BlackholeFault()) },
        { "peering=reset:10%", new("peering", new ResetFault(10, null)) },
        { "peering=reset:after=64KiB@response", new("peering", new ResetFault(null, 65_536), FaultDirection.Response) },
        { "privatelink=bandwidth:1Mbit", new("privatelink", new BandwidthFault(1_000_000)) },
        { "privatelink=bandwidth:rate=2.5kbit", new("privatelink", new BandwidthFault(2_500)) },
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EveryKindParses(string text, LinkFault expected)
    {
        var fault = Assert.Single(LinkFaults.Parse(text));

        Assert.Equal(expected, fault);
        Assert.Null(fault.Start);
        Assert.Null(fault.Duration);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void AFaultWritesBackAsTextThatParsesToIt(string text, LinkFault expected)
    {
        _ = text;

        Assert.Equal(expected, Assert.Single(LinkFaults.Parse(expected.ToString())));
    }

    [Fact]
    public void TheIssueExampleGivesThreeFaultsInOrder()
    {
        var faults = LinkFaults.Parse("tgw=blackhole, peering=latency:200ms ,privatelink=loss:5%");

        Assert.Equal(["tgw", "peering", "privatelink"], faults.Select(f => f.Link));
        Assert.Equal([FaultKind.Blackhole, FaultKind.Latency, FaultKind.Loss], faults.Select(f => f.Kind));
    }

    [Fact]
    public void SeveralKindsOnOneLinkAndOneKindPerDirectionAreAllowed()
    {
        var faults = LinkFaults.Parse("tgw=latency:100ms@request,tgw=latency:300ms@response,tgw=loss:1%");

        Assert.Equal(3, faults.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoTextMeansNoFaults(string? text)
    {
        Assert.True(LinkFaults.TryParse(text, out var faults, out var errors));
        Assert.Empty(faults);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("vpn=blackhole", "unknown link 'vpn'; allowed: tgw, peering, privatelink")]
    [InlineData("TGW=blackhole", "unknown link 'TGW'")]
    [InlineData("tgw=explode", "unknown fault kind 'explode'; allowed: latency, jitter, loss, blackhole, reset, bandwidth")]
    [InlineData("tgw", "expected link=kind[:parameters][@direction]")]
    [InlineData("tgw=blackhole@sideways", "unknown direction 'sideways'; allowed: both, request, response")]
    [InlineData("tgw=blackhole:5s", "blackhole takes no parameters, got '5s'")]
    [InlineData("tgw=latency", "'delay' is required, e.g. 200ms")]
    [InlineData("tgw=latency:fast", "latency delay 'fast' must be a number with ms, s, m or h")]
    [InlineData("tgw=latency:-5ms", "latency delay '-5ms' must be")]
    [InlineData("tgw=latency:2m", "latency delay '2m' must be a number with ms, s, m or h, e.g. 200ms, 1.5s, 2m, between 1ms and 1m")]
    [InlineData("tgw=latency:100ms~200ms", "latency spread in '100ms~200ms' must be delay~spread")]
    [InlineData("tgw=latency:100ms:spike=1s", "latency spike '1s' must be duration/share")]
    [InlineData("tgw=latency:100ms:spike=1s/0%", "latency spike share '0%' must be a number with %")]
    [InlineData("tgw=latency:100ms:burst=1s", "unknown latency parameter 'burst'; allowed: delay, spike")]
    [InlineData("tgw=latency:100ms:200ms", "latency parameter '200ms' has no name")]
    [InlineData("tgw=latency:100ms:delay=200ms", "latency parameter 'delay' is given twice")]
    [InlineData("tgw=jitter:0ms", "jitter amplitude '0ms' must be")]
    [InlineData("tgw=loss:5", "loss rate '5' must be a number with %, above 0 and at most 100")]
    [InlineData("tgw=loss:101%", "loss rate '101%' must be")]
    [InlineData("tgw=loss:1e1%", "loss rate '1e1%' must be")]
    [InlineData("tgw=reset", "reset takes either a rate (reset:10%) or a byte count (reset:after=64KiB), exactly one")]
    [InlineData("tgw=reset:10%:after=1KiB", "exactly one")]
    [InlineData("tgw=reset:after=lots", "reset after 'lots' must be a whole number with B, KB, KiB")]
    [InlineData("tgw=reset:after=2GiB", "reset after '2GiB' must be")]
    [InlineData("tgw=bandwidth:fast", "bandwidth rate 'fast' must be a number with bit, Kbit, Mbit or Gbit")]
    [InlineData("tgw=bandwidth:10bit", "bandwidth rate '10bit' must be")]
    [InlineData("tgw=blackhole,tgw=blackhole@response", "blackhole on 'tgw' is already set by 'tgw=blackhole'")]
    [InlineData("tgw=blackhole,,peering=loss:1%", "fault 2 '': expected link=kind")]
    public void ABadFaultIsNamedWithWhatIsAllowed(string text, string expected)
    {
        Assert.False(LinkFaults.TryParse(text, out var faults, out var errors));
        Assert.Empty(faults);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.StartsWith("fault ", e, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblemIsReportedAndNothingIsReturnedInPart()
    {
        var text = "tgw=blackhole,vpn=latency:fast,peering=loss:5,privatelink=bandwidth:1Mbit";

        var error = Assert.Throws<FaultSpecException>(() => LinkFaults.Parse(text));

        Assert.Equal(3, error.Errors.Count);
        Assert.StartsWith("fault 2 'vpn=latency:fast': unknown link 'vpn'", error.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("fault 2 'vpn=latency:fast': latency delay 'fast'", error.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("fault 3 'peering=loss:5': loss rate '5'", error.Errors[2], StringComparison.Ordinal);
        Assert.Contains("--link-faults: 3 problem(s)", error.Message, StringComparison.Ordinal);
        Assert.False(LinkFaults.TryParse(text, out var faults, out _));
        Assert.Empty(faults);
    }

    [Fact]
    public void ALongValueIsCutInTheMessageAndItsLengthGiven()
    {
        var link = new string('a', 5000);

        Assert.False(LinkFaults.TryParse($"{link}=blackhole", out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Contains($"'{new string('a', 60)}…' (5000 characters)", error, StringComparison.Ordinal);
        Assert.True(error.Length < 400, error);
    }

    [Fact]
    public void ControlCharactersAreEscapedInMessages()
    {
        Assert.False(LinkFaults.TryParse("t\ngw=blackhole", out _, out var errors));

        Assert.Contains("unknown link 't\\u000agw'", Assert.Single(errors), StringComparison.Ordinal);
    }
}
