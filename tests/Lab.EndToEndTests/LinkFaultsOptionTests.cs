using TracingLab.AppHost.Links;

namespace Lab.EndToEndTests;

/// <summary>The lab started with <c>--link-faults tgw=blackhole</c>: the fault is there from the first call.</summary>
[Collection("lab")]
public sealed class LinkFaultsOptionTests(LinkFaultsOptionTests.BlackholedTgwLab lab) : IClassFixture<LinkFaultsOptionTests.BlackholedTgwLab>
{
    [Fact]
    public async Task ALabStartedWithATgwBlackholeAnswersAProblemNamingTgwWithTheTraceIdWhilePeeringAnswers200()
    {
        Assert.Equal(LinkResource.FaultedState, lab.Snapshot("tgw").State?.Text);
        Assert.Equal(LinkResource.OnState, lab.Snapshot("peering").State?.Text);

        // Within servicea's budget (LabTimeouts: 10 s for serviceb, 4 s for servicec), not this client's.
        var (status, problem) = await lab.HopsAsync("?via=tgw").WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(status == 502, $"{status}: {problem}");
        Assert.Equal("tgw", problem.GetProperty("link").GetString());
        Assert.Contains("unreachable over tgw", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("1-", problem.GetProperty("traceId").GetString(), StringComparison.Ordinal);
        var (peering, body) = await lab.HopsAsync("?via=peering");
        Assert.True(peering == 200, $"{peering}: {body}");
    }

    /// <summary>The lab with a blackhole on tgw from the start, and only the two links the test needs.</summary>
    public sealed class BlackholedTgwLab : AspireLab
    {
        protected override string[] Args => [.. base.Args, "--links", "tgw,peering", "--link-faults", "tgw=blackhole"];

        // tgw never answers 200 here, and the other two links are not enabled.
        protected override IReadOnlyList<string> WarmLinks => ["peering"];
    }
}
