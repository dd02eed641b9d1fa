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
    public void TheInjectFaultArgumentsAreReadWithTheLabsFaultVocabulary()
    {
        Assert.Equal([new BlackholeFault()], LinkCommands.ToFaults("tgw", "blackhole", null, null, out _));
        Assert.Equal([new LatencyFault(TimeSpan.FromMilliseconds(200), FaultDirection.CallerToCallee)], LinkCommands.ToFaults("tgw", "latency", "request", "200ms", out _));
        Assert.Equal([new LossFault(0.05, FaultDirection.CalleeToCaller)], LinkCommands.ToFaults("peering", "loss", "response", "5%", out _));
        Assert.Equal([new ResetFault(0, 65536)], LinkCommands.ToFaults("tgw", "reset", "both", "after=64KiB", out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("drop", null, null, "drop")]
    [InlineData("latency", "sideways", "1ms", "sideways")]
    [InlineData("latency", null, "soon", "latency delay 'soon' must be")]
    [InlineData("loss", null, "150%", "loss rate '150%' must be")]
    [InlineData("loss", null, "5%,tgw=blackhole", "the parameters of one loss fault")]
    public void ABadFaultArgumentIsNamedWithWhatIsAllowed(string kind, string? direction, string? value, string expected)
    {
        Assert.Null(LinkCommands.ToFaults("peering", kind, direction, value, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
