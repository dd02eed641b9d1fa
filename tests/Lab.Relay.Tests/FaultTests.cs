using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using TracingLab.Contracts.Links;
using TracingLab.Relay;
using TracingLab.Relay.Faults;

namespace Lab.Relay.Tests;

/// <summary>Each fault kind on a real relay on 127.0.0.1: what it holds, delays, caps or resets, on a fake clock.</summary>
public class FaultTests
{
    // Long enough for a relay that ignored a fault to have delivered, so "nothing arrived" means something.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task LatencyHoldsBytesInItsDirectionOnlyUntilTheDelayHasPassedOnTheClock()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new LatencyFault(TimeSpan.FromMilliseconds(5), FaultDirection.CallerToCallee));

        await TcpTestServer.SendAsync(client, "hello");
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 1, () => $"{relay.FaultedChunks} chunks under faults");
        clock.Advance(TimeSpan.FromMilliseconds(4.9));
        await Task.Delay(Grace);
        Assert.Equal(0, accepted.Available);

        clock.Advance(TimeSpan.FromMilliseconds(0.2));
        Assert.Equal("hello", await TcpTestServer.ReceiveAsync(accepted, 5));

        // The answer's direction has no fault: it arrives without the clock moving.
        await TcpTestServer.SendAsync(accepted, "answer");
        Assert.Equal("answer", await TcpTestServer.ReceiveAsync(client, 6));
    }

    [Fact]
    public async Task LatencyAddsToTheLinksOwnDelayLine()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 1, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new LatencyFault(TimeSpan.FromMilliseconds(5)));

        await TcpTestServer.SendAsync(accepted, "answer");
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 1, () => $"{relay.FaultedChunks} chunks under faults");
        clock.Advance(TimeSpan.FromMilliseconds(5.9));
        await Task.Delay(Grace);
        Assert.Equal(0, client.Available);

        clock.Advance(TimeSpan.FromMilliseconds(0.2));
        Assert.Equal("answer", await TcpTestServer.ReceiveAsync(client, 6));
    }

    [Fact]
    public async Task JitterDelaysByTheDrawnShareOfItsRange()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, time: clock, random: new ScriptedRandom(0.5));
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new JitterFault(TimeSpan.FromMilliseconds(10)));

        await TcpTestServer.SendAsync(client, "hello");
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 1, () => $"{relay.FaultedChunks} chunks under faults");
        clock.Advance(TimeSpan.FromMilliseconds(4.9));
        await Task.Delay(Grace);
        Assert.Equal(0, accepted.Available);

        clock.Advance(TimeSpan.FromMilliseconds(0.2));
        Assert.Equal("hello", await TcpTestServer.ReceiveAsync(accepted, 5));
    }

    [Fact]
    public async Task ALostSegmentCostsARetransmissionTimeoutThatDoublesForEachFurtherLoss()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        // Lost, lost again, then delivered: 200 ms + 400 ms.
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, time: clock, random: new ScriptedRandom(0.1, 0.1, 0.9));
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new LossFault(0.5));

        await TcpTestServer.SendAsync(client, "hello");
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 1, () => $"{relay.FaultedChunks} chunks under faults");
        clock.Advance(LossFault.MinRto * 3 - TimeSpan.FromMilliseconds(1));
        await Task.Delay(Grace);
        Assert.Equal(0, accepted.Available);

        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal("hello", await TcpTestServer.ReceiveAsync(accepted, 5));
    }

    [Fact]
    public async Task ASegmentLostMoreTimesThanTheRetransmissionLimitResetsTheConnection()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, random: new ScriptedRandom(0.0));
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new LossFault(1));

        await TcpTestServer.SendAsync(client, "hello");

        await AssertResetAsync(client);
        Assert.Equal(1, relay.Resets);
    }

    [Fact]
    public async Task BlackholeHoldsEstablishedBytesAndNewConnectionsUntilCleared()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 0.05);
        using var pooled = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(pooled, "ping");
        Assert.Equal("ping", await TcpTestServer.ReceiveAsync(accepted, 4));

        relay.Inject(new BlackholeFault());
        await TcpTestServer.SendAsync(pooled, "held");
        await TcpTestServer.SendAsync(accepted, "back");
        using var fresh = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        await TcpTestServer.SendAsync(fresh, "new!");
        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().Connections == 2, () => $"{relay.Snapshot().Connections} accepted");
        await Task.Delay(Grace);

        // Nothing forwarded either way, and the new connection never reached the provider.
        Assert.Equal(0, accepted.Available);
        Assert.Equal(0, pooled.Available);
        Assert.Equal((4, 0), (relay.Snapshot().BytesToProvider, relay.Snapshot().BytesToConsumer));
        var nobody = provider.AcceptAsync();
        await Task.Delay(Grace);
        Assert.False(nobody.IsCompleted);

        relay.ClearFaults();

        Assert.Equal("held", await TcpTestServer.ReceiveAsync(accepted, 4));
        Assert.Equal("back", await TcpTestServer.ReceiveAsync(pooled, 4));
        using var late = await nobody;
        Assert.Equal("new!", await TcpTestServer.ReceiveAsync(late, 4));
    }

    [Fact]
    public async Task BlackholeOnAnswersOnlyLetsRequestsThrough()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new BlackholeFault(FaultDirection.CalleeToCaller));

        await TcpTestServer.SendAsync(client, "ask");
        Assert.Equal("ask", await TcpTestServer.ReceiveAsync(accepted, 3));
        await TcpTestServer.SendAsync(accepted, "lost");
        await Task.Delay(Grace);
        Assert.Equal(0, client.Available);

        Assert.True(relay.Clear(new BlackholeFault(FaultDirection.CalleeToCaller)));
        Assert.Equal("lost", await TcpTestServer.ReceiveAsync(client, 4));
        Assert.Empty(relay.Faults);
    }

    [Fact]
    public async Task ResetAfterBytesForwardsThatManyThenResetsBothSides()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new ResetFault(AfterBytes: 4, Direction: FaultDirection.CallerToCallee));

        await TcpTestServer.SendAsync(client, "pingpong");

        Assert.Equal("ping", await TcpTestServer.ReceiveAsync(accepted, 4));
        await AssertResetAsync(accepted);
        await AssertResetAsync(client);
        Assert.Equal(1, relay.Resets);
    }

    [Theory]
    [InlineData(LinkNames.Peering, 0)]
    [InlineData(LinkNames.Tgw, 0.05)]
    public async Task ResetAtACertainRateResetsTheFirstChunk(string link, double delayMs)
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(link, provider.EndPoint, delayMs: delayMs);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        relay.Inject(new ResetFault(Rate: 1));

        await TcpTestServer.SendAsync(client, "ping");

        await AssertResetAsync(client);
        Assert.Equal(0, relay.Snapshot().BytesToProvider);
    }

    [Fact]
    public async Task BandwidthHoldsEachChunkForItsSerializationTimeAtTheCap()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        // 8000 bit/s is 1000 bytes a second: 100 bytes take 100 ms.
        relay.Inject(new BandwidthFault(8000));

        await TcpTestServer.SendAsync(client, new string('x', 100));
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 1, () => $"{relay.FaultedChunks} chunks under faults");
        clock.Advance(TimeSpan.FromMilliseconds(99));
        await Task.Delay(Grace);
        Assert.Equal(0, accepted.Available);

        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(100, (await TcpTestServer.ReceiveAsync(accepted, 100)).Length);
    }

    [Fact]
    public async Task SeveralFaultsAddUpAndCanBeClearedOneByOneAtRunTime()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        var latency = new LatencyFault(TimeSpan.FromMilliseconds(50));
        var cap = new BandwidthFault(8000);
        relay.Inject(latency);
        relay.Inject(cap);
        Assert.Equal([latency, cap], relay.Faults);
        Assert.Equal(["latency", "bandwidth"], relay.Snapshot().Faults!.Select(f => f.Kind));

        // 50 ms of latency, then 100 ms at the cap.
        await TcpTestServer.SendAsync(client, new string('x', 100));
        await TcpTestServer.WaitUntilAsync(() => relay.FaultedChunks == 1, () => $"{relay.FaultedChunks} chunks under faults");
        clock.Advance(TimeSpan.FromMilliseconds(149));
        await Task.Delay(Grace);
        Assert.Equal(0, accepted.Available);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(100, (await TcpTestServer.ReceiveAsync(accepted, 100)).Length);

        Assert.True(relay.Clear(latency));
        Assert.False(relay.Clear(latency));
        Assert.Equal([cap], relay.Faults);
        relay.ClearFaults();
        Assert.Empty(relay.Faults);
        await TcpTestServer.SendAsync(client, "free");
        Assert.Equal("free", await TcpTestServer.ReceiveAsync(accepted, 4));
    }

    [Fact]
    public void BadFaultParametersNameTheValueAndWhatIsAllowed()
    {
        var loss = Assert.Throws<ArgumentOutOfRangeException>(() => new LossFault(1.5));
        Assert.Contains("Rate is 1.5; allowed: a probability from 0 to 1", loss.Message, StringComparison.Ordinal);
        var latency = Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyFault(TimeSpan.FromMilliseconds(-1)));
        Assert.Contains("Delay is -1 ms; allowed: 0 to 60000 ms", latency.Message, StringComparison.Ordinal);
        var cap = Assert.Throws<ArgumentOutOfRangeException>(() => new BandwidthFault(0));
        Assert.Contains("BitsPerSecond is 0; allowed: more than 0", cap.Message, StringComparison.Ordinal);
        var reset = Assert.Throws<ArgumentOutOfRangeException>(() => new ResetFault(AfterBytes: -2));
        Assert.Contains("AfterBytes is -2", reset.Message, StringComparison.Ordinal);
    }

    private static async Task AssertResetAsync(Socket socket)
    {
        var e = await Assert.ThrowsAnyAsync<SocketException>(() => TcpTestServer.ReceiveToEndAsync(socket));
        Assert.Equal(SocketError.ConnectionReset, e.SocketErrorCode);
    }
}
