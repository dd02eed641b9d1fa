using TracingLab.Contracts.Text;

namespace Lab.Contracts.Tests;

public sealed class QuotedTests
{
    [Fact]
    public void AShortValueIsQuotedWhole() => Assert.Equal("'tgw'", Quoted.Value("tgw"));

    [Fact]
    public void AValueOfExactlyTheLimitIsQuotedWhole() =>
        Assert.Equal($"'{new string('a', Quoted.MaxChars)}'", Quoted.Value(new string('a', Quoted.MaxChars)));

    [Fact]
    public void ALongValueIsCutAndItsLengthGiven()
    {
        var quoted = Quoted.Value(new string('a', 5000));

        Assert.Equal($"'{new string('a', Quoted.MaxChars)}…' (5000 characters)", quoted);
        Assert.True(quoted.Length < 250, $"{quoted.Length} characters");
    }

    [Fact]
    public void NoValueIsSaidSo() => Assert.Equal("(none)", Quoted.Value(null));

    [Fact]
    public void ABareValueIsCutTheSameWayWithoutQuotes()
    {
        Assert.Equal("x", Quoted.Bare("x"));
        Assert.Equal($"{new string('b', Quoted.MaxChars)}… (201 characters)", Quoted.Bare(new string('b', 201)));
    }
}
