using TracingLab.AppHost.Links;

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
}
