using TracingLab.AppHost.Links;
using TracingLab.Relay.Faults;

namespace AppHost.Tests.Links;

public class LinkCommandTests
{
    [Theory]
    [InlineData("0.05", null)]
    [InlineData("0", null)]
    [InlineData("10000", null)]
    [InlineData("abc", "delayMs is 'abc'; allowed: milliseconds from 0 to 10000")]
    [InlineData("-1", "delayMs is '-1'")]
    [InlineData("NaN", "delayMs is 'NaN'")]
    [InlineData(null, "delayMs is '(none)'")]
    public void ADelayArgumentIsCheckedNamingTheValueAndWhatIsAllowed(string? value, string? expected)
    {
        var problem = LinkCommands.Problem(LinkCommands.DelayArgument, value);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheInjectFaultArgumentsMapToTheRelaysFaults()
    {
        Assert.Equal(new BlackholeFault(), LinkCommands.ToFault("blackhole", null, null, null, out _));
        Assert.Equal(new LatencyFault(TimeSpan.FromMilliseconds(200), FaultDirection.CallerToCallee), LinkCommands.ToFault("latency", "caller-to-callee", "200", null, out _));
        Assert.Equal(new JitterFault(TimeSpan.FromMilliseconds(5)), LinkCommands.ToFault("jitter", "both", "5", null, out _));
        Assert.Equal(new LossFault(0.05, FaultDirection.CalleeToCaller), LinkCommands.ToFault("loss", "callee-to-caller", "5%", null, out _));
        Assert.Equal(new ResetFault(0, 1024), LinkCommands.ToFault("reset", null, null, "1024", out _));
        Assert.Equal(new BandwidthFault(1_000_000), LinkCommands.ToFault("bandwidth", null, "1000000", null, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("drop", null, null, null, "kind is 'drop'; allowed: latency, jitter, loss, blackhole, reset, bandwidth")]
    [InlineData("latency", "sideways", "1", null, "direction is 'sideways'; allowed: both, caller-to-callee, callee-to-caller")]
    [InlineData("latency", null, "soon", null, "value is 'soon'; allowed for latency: milliseconds from 0 to 60000")]
    [InlineData("loss", null, "150", null, "value is '150'; allowed for loss: a percentage from 0 to 100")]
    [InlineData("bandwidth", null, "0", null, "value is '0'; allowed for bandwidth: bits per second, more than 0")]
    [InlineData("latency", null, "1", "10", "afterBytes is '10'; allowed: a whole number of bytes, for reset only")]
    public void ABadFaultArgumentIsNamedWithWhatIsAllowed(string kind, string? direction, string? value, string? afterBytes, string expected)
    {
        Assert.Null(LinkCommands.ToFault(kind, direction, value, afterBytes, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
