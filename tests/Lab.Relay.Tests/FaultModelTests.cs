using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using TracingLab.Contracts.Links;
using TracingLab.Relay.Faults;

namespace Lab.Relay.Tests;

/// <summary>
/// The fault models docs/faults-grammar.md states: a reset's rate per connection, a bandwidth cap shared by a relay's
/// connections, and a blackhole that lets go of callers that gave up.
/// </summary>
public class FaultModelTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task AResetRateIsDrawnOncePerConnectionSoASparedConnectionStaysSpared()
    {
        await using var provider = new TcpTestServer();
        // The first connection draws 0.9 (spared at 50%); every later draw is 0.1 (reset).
        var random = new ScriptedRandom(0.9, 0.1);
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, random: random);
        using var pooled = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new ResetFault(Rate: 0.5));

        foreach (var ask in new[] { "one", "two", "six" })
        {
            await TcpTestServer.SendAsync(pooled, ask);
            Assert.Equal(ask, await TcpTestServer.ReceiveAsync(accepted, 3));
            await TcpTestServer.SendAsync(accepted, "ok");
            Assert.Equal("ok", await TcpTestServer.ReceiveAsync(pooled, 2));
        }

        Assert.Equal(1, random.Taken);

        using var fresh = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var freshAccepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(fresh, "ask");
        await AssertResetAsync(fresh);
        Assert.Equal((2, 1L), (random.Taken, relay.Resets));
    }

    [Fact]
    public async Task AReinjectedResetRateDrawsAgain()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, random: new ScriptedRandom(0.9, 0.1));
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new ResetFault(Rate: 0.5));
        await TcpTestServer.SendAsync(client, "one");
        Assert.Equal("one", await TcpTestServer.ReceiveAsync(accepted, 3));

        relay.ClearFaults();
        relay.Inject(new ResetFault(Rate: 0.5));
        await TcpTestServer.SendAsync(client, "two");

        await AssertResetAsync(client);
    }

    [Fact]
    public async Task ABandwidthCapIsSharedByTheRelaysConnections()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, time: clock);
        using var first = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var firstAccepted = await provider.AcceptAsync();
        using var second = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var secondAccepted = await provider.AcceptAsync();
        // 8000 bit/s is 1000 bytes a second: 100 bytes take 100 ms, so two connections' 100 bytes each take 200 ms.
        relay.Inject(new BandwidthFault(8000, FaultDirection.CallerToCallee));

        await TcpTestServer.SendAsync(first, new string('a', 100));
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 1, () => $"{relay.FaultedChunks} chunks under faults");
        await TcpTestServer.SendAsync(second, new string('b', 100));
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 2, () => $"{relay.FaultedChunks} chunks under faults");
        clock.Advance(TimeSpan.FromMilliseconds(101));
        Assert.Equal(100, (await TcpTestServer.ReceiveAsync(firstAccepted, 100)).Length);
        await Task.Delay(Grace);
        Assert.Equal(0, secondAccepted.Available);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(100, (await TcpTestServer.ReceiveAsync(secondAccepted, 100)).Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ANewConnectionHeldByABlackholeIsReleasedWhenTheCallerGivesUp(bool reset)
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 0.05);
        relay.Inject(new BlackholeFault());
        var caller = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        await TcpTestServer.SendAsync(caller, "GET / HTTP/1.1\r\n\r\n");
        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().ActiveConnections == 1, () => $"{relay.Snapshot().ActiveConnections} open");

        GiveUp(caller, reset);

        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().ActiveConnections == 0, () => $"{relay.Snapshot().ActiveConnections} still held");
        relay.ClearFaults();
        var nobody = provider.AcceptAsync();
        await Task.Delay(Grace);
        Assert.False(nobody.IsCompleted, "a caller that gave up was connected upstream once the blackhole was cleared");
    }

    [Fact]
    public async Task ANewConnectionThatWaitsThroughABlackholeSendsWhatItSentMeanwhileOnceCleared()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint);
        relay.Inject(new BlackholeFault());
        using var caller = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        await TcpTestServer.SendAsync(caller, "early");
        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().ActiveConnections == 1, () => $"{relay.Snapshot().ActiveConnections} open");
        await Task.Delay(Grace);

        relay.ClearFaults();

        using var accepted = await provider.AcceptAsync();
        Assert.Equal("early", await TcpTestServer.ReceiveAsync(accepted, 5));
        await TcpTestServer.SendAsync(caller, "later");
        Assert.Equal("later", await TcpTestServer.ReceiveAsync(accepted, 5));
        await TcpTestServer.SendAsync(accepted, "answer");
        Assert.Equal("answer", await TcpTestServer.ReceiveAsync(caller, 6));
    }

    [Theory]
    [InlineData(LinkNames.Peering, FaultDirection.Both, false)]
    [InlineData(LinkNames.Peering, FaultDirection.Both, true)]
    [InlineData(LinkNames.Tgw, FaultDirection.Both, false)]
    [InlineData(LinkNames.Peering, FaultDirection.CalleeToCaller, false)]
    [InlineData(LinkNames.Tgw, FaultDirection.CalleeToCaller, true)]
    public async Task AnEstablishedConnectionHeldByABlackholeIsReleasedWhenTheCallerGivesUp(string link, FaultDirection direction, bool reset)
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(link, provider.EndPoint, delayMs: link == LinkNames.Tgw ? 0.05 : 0);
        var caller = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new BlackholeFault(direction));
        await TcpTestServer.SendAsync(caller, "ask");
        if (direction == FaultDirection.CalleeToCaller)
        {
            Assert.Equal("ask", await TcpTestServer.ReceiveAsync(accepted, 3));
            await TcpTestServer.SendAsync(accepted, "lost");
        }

        await Task.Delay(Grace);
        Assert.Equal(1, relay.Snapshot().ActiveConnections);

        GiveUp(caller, reset);

        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().ActiveConnections == 0, () => $"{relay.Snapshot().ActiveConnections} still held");
        // The callee's end is closed too, without the held request.
        var rest = await ReadRestAsync(accepted);
        Assert.DoesNotContain("ask", direction == FaultDirection.Both ? rest : "", StringComparison.Ordinal);
        relay.ClearFaults();
    }

    [Fact]
    public async Task ABlackholeReleasesNothingWhileTheCallerWaits()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint);
        using var caller = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new BlackholeFault());
        await TcpTestServer.SendAsync(caller, "ask");
        await Task.Delay(Grace);

        relay.ClearFaults();

        Assert.Equal("ask", await TcpTestServer.ReceiveAsync(accepted, 3));
        await TcpTestServer.SendAsync(accepted, "fine");
        Assert.Equal("fine", await TcpTestServer.ReceiveAsync(caller, 4));
        // The watch on the caller ended with the fault: the caller's next bytes are read and relayed as before.
        await TcpTestServer.SendAsync(caller, "more");
        Assert.Equal("more", await TcpTestServer.ReceiveAsync(accepted, 4));
        Assert.Equal(1, relay.Snapshot().ActiveConnections);
    }

    // A caller that times out closes its socket (FIN), or resets it when it had unread bytes (RST).
    private static void GiveUp(Socket caller, bool reset)
    {
        if (reset)
        {
            caller.LingerState = new LingerOption(true, 0);
        }

        caller.Dispose();
    }

    private static async Task<string> ReadRestAsync(Socket socket)
    {
        try
        {
            return await TcpTestServer.ReceiveToEndAsync(socket);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return "";
        }
    }

    private static async Task AssertResetAsync(Socket socket)
    {
        var e = await Assert.ThrowsAnyAsync<SocketException>(() => TcpTestServer.ReceiveToEndAsync(socket));
        Assert.Equal(SocketError.ConnectionReset, e.SocketErrorCode);
    }
}
