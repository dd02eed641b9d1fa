using TracingLab.AppHost.Links;

namespace Lab.EndToEndTests;

/// <summary>The links as Aspire resources: state, relays as properties, and their commands, as the dashboard runs them.</summary>
[Collection("lab")]
public sealed class LinkResourceTests(AspireLab lab) : IClassFixture<AspireLab>
{
    [Fact]
    public void EachLinkIsAResourceThatIsOnWithOneRelayPerCall()
    {
        foreach (var link in new[] { "tgw", "peering", "privatelink", "lattice" })
        {
            var snapshot = lab.Snapshot(link);
            Assert.Equal("Link", snapshot.ResourceType);
            Assert.Equal(LinkResource.OnState, snapshot.State?.Text);
            var relays = snapshot.Properties.Where(p => p.Name.StartsWith("relay.", StringComparison.Ordinal)).Select(p => p.Name).Order().ToList();
            Assert.Equal(["relay.servicea.serviceb", "relay.servicea.servicec", "relay.serviceb.servicec"], relays);
        }

        var privateLink = lab.Snapshot("privatelink").Properties.Single(p => p.Name == "relay.servicea.serviceb").Value?.ToString();
        Assert.Contains("callee sees 127.0.1.2", privateLink, StringComparison.Ordinal);
        var lattice = lab.Snapshot("lattice").Properties.Single(p => p.Name == "relay.servicea.serviceb").Value?.ToString();
        Assert.Contains("callee sees 127.0.171.2", lattice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASwitchedOffLinkAnswers502NamingTheLinkAndHopWhileTheOthersWorkThenRecovers()
    {
        // A pooled keep-alive connection exists before the switch: switching off must reset it too.
        Assert.Equal(200, (await lab.HopsAsync("?via=tgw")).Status);
        try
        {
            var off = await lab.CommandAsync("tgw", LinkCommands.SwitchOff);
            Assert.True(off.Success, off.Message);
            Assert.Equal(LinkResource.OffState, lab.Snapshot("tgw").State?.Text);

            var (status, problem) = await lab.HopsAsync("?via=tgw");
            Assert.True(status == 502, $"{status}: {problem}");
            var text = problem.ToString();
            Assert.Contains("tgw", text, StringComparison.Ordinal);
            Assert.Contains("servicea", text, StringComparison.Ordinal);
            Assert.Equal(200, (await lab.HopsAsync("?via=peering")).Status);
        }
        finally
        {
            var on = await lab.CommandAsync("tgw", LinkCommands.SwitchOn);
            Assert.True(on.Success, on.Message);
        }

        Assert.Equal(LinkResource.OnState, lab.Snapshot("tgw").State?.Text);
        var (after, body) = await lab.HopsAsync("?via=tgw");
        Assert.True(after == 200, $"{after}: {body}");
    }

    [Fact]
    public async Task SwitchingALinkOffAndOnUnderLoadAnswersOnly200sAnd502Problems()
    {
        // A switch-off resets connections at any instant of a call, a new connection's first moment among them, where
        // the runtime once let a bare SocketException through as a 500.
        var answers = new System.Collections.Concurrent.ConcurrentQueue<(int Status, string Body)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await lab.HopsAsync("?via=privatelink");
                answers.Enqueue((status, body.ToString()));
            }
        })).ToList();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.True((await lab.CommandAsync("privatelink", LinkCommands.SwitchOff)).Success);
                await Task.Delay(100);
                Assert.True((await lab.CommandAsync("privatelink", LinkCommands.SwitchOn)).Success);
                await Task.Delay(200);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
            await lab.CommandAsync("privatelink", LinkCommands.SwitchOn);
        }

        Assert.Contains(answers, a => a.Status == 502);
        Assert.All(answers, a => Assert.True(a.Status is 200 or 502, $"{a.Status}: {a.Body}"));
    }

    [Fact]
    public async Task ABlackholedLinkAnswersAProblemNamingItWithinTheCallersBudgetWhileTheOthersWorkThenRecovers()
    {
        Assert.Equal(200, (await lab.HopsAsync("?via=tgw")).Status);
        try
        {
            var injected = await lab.CommandAsync("tgw", LinkCommands.InjectFault, (LinkCommands.KindArgument, "blackhole"));
            Assert.True(injected.Success, injected.Message);
            Assert.StartsWith("blackhole", lab.Snapshot("tgw").Properties.Single(p => p.Name == "link.faults").Value?.ToString(), StringComparison.Ordinal);

            // The caller's budget: servicea gives serviceb 10 s and servicec 4 s (LabTimeouts); the answer must come
            // from servicea's timeouts, not from this client's.
            var (status, problem) = await lab.HopsAsync("?via=tgw").WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(status == 502, $"{status}: {problem}");
            var text = problem.ToString();
            Assert.Contains("tgw", text, StringComparison.Ordinal);
            Assert.Contains("servicea", text, StringComparison.Ordinal);
            Assert.Equal(200, (await lab.HopsAsync("?via=peering")).Status);
        }
        finally
        {
            var cleared = await lab.CommandAsync("tgw", LinkCommands.ClearFaults);
            Assert.True(cleared.Success, cleared.Message);
        }

        Assert.Equal("none", lab.Snapshot("tgw").Properties.Single(p => p.Name == "link.faults").Value);
        var (after, body) = await lab.HopsAsync("?via=tgw");
        Assert.True(after == 200, $"{after}: {body}");
    }

    [Fact]
    public async Task ABadFaultIsRefusedNamingTheValueAndNothingChanges()
    {
        // An unknown kind or direction never reaches the command: Aspire checks a choice against its options.
        var unknown = await lab.CommandAsync("peering", LinkCommands.InjectFault, (LinkCommands.KindArgument, "drop"));
        var result = await lab.CommandAsync("peering", LinkCommands.InjectFault, (LinkCommands.KindArgument, "loss"), (LinkCommands.ValueArgument, "150%"));

        Assert.False(unknown.Success);
        Assert.False(result.Success);
        Assert.Contains("loss rate '150%' must be", result.Message, StringComparison.Ordinal);
        Assert.Equal("none", lab.Snapshot("peering").Properties.Single(p => p.Name == "link.faults").Value);
    }

    [Theory]
    [InlineData("abc", "0.02", "delayMs is 'abc'")]
    [InlineData("1", "-3", "jitterMs is '-3'")]
    [InlineData("20000", "0", "delayMs is '20000'")]
    public async Task ABadDelayIsRefusedNamingTheValueAndNothingChanges(string delay, string jitter, string expected)
    {
        var before = lab.Snapshot("privatelink").Properties.Single(p => p.Name == "link.delay").Value;

        var result = await lab.CommandAsync("privatelink", LinkCommands.SetDelay, (LinkCommands.DelayArgument, delay), (LinkCommands.JitterArgument, jitter));

        Assert.False(result.Success);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: milliseconds from 0 to 10000", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, lab.Snapshot("privatelink").Properties.Single(p => p.Name == "link.delay").Value);
    }

    [Fact]
    public async Task SetDelayChangesEveryRelayOfTheLink()
    {
        var original = lab.Snapshot("peering").Properties.Single(p => p.Name == "link.delay").Value;
        try
        {
            var result = await lab.CommandAsync("peering", LinkCommands.SetDelay, (LinkCommands.DelayArgument, "1.5"), (LinkCommands.JitterArgument, "0.25"));

            Assert.True(result.Success, result.Message);
            Assert.Equal("1.5 ± 0.25 ms one way", lab.Snapshot("peering").Properties.Single(p => p.Name == "link.delay").Value);
            Assert.All(lab.Snapshot("peering").Properties.Where(p => p.Name.StartsWith("relay.", StringComparison.Ordinal)),
                p => Assert.Contains("1.5 ± 0.25 ms", p.Value?.ToString(), StringComparison.Ordinal));
            Assert.Equal(200, (await lab.HopsAsync("?via=peering")).Status);
        }
        finally
        {
            await lab.CommandAsync("peering", LinkCommands.SetDelay, (LinkCommands.DelayArgument, "0"), (LinkCommands.JitterArgument, "0"));
        }

        Assert.NotNull(original);
    }
}
