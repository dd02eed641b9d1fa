using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using TracingLab.Relay;
using TracingLab.Contracts.Links;

namespace Lab.Relay.Tests;

public class DelayTests
{
    // Long enough for a relay that ignored the fake clock to have delivered, so "nothing arrived" means something.
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task TgwHoldsBytesUntilTheConfiguredDelayHasPassedOnTheClock()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 5, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();

        await TcpTestServer.SendAsync(client, "hello");
        await TcpTestServer.WaitUntilAsync(() => relay.DelayedChunks == 1, () => $"{relay.DelayedChunks} chunks read by the relay");
        clock.Advance(TimeSpan.FromMilliseconds(4.9));
        await Task.Delay(Grace);

        Assert.Equal(0, accepted.Available);
        Assert.Equal(0, relay.Snapshot().BytesToProvider);

        clock.Advance(TimeSpan.FromMilliseconds(0.2));

        Assert.Equal("hello", await TcpTestServer.ReceiveAsync(accepted, 5));
    }

    [Fact]
    public async Task TgwDelaysTheAnswerToo()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 3, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();

        await TcpTestServer.SendAsync(accepted, "answer");
        await TcpTestServer.WaitUntilAsync(() => relay.DelayedChunks == 1, () => $"{relay.DelayedChunks} chunks read by the relay");
        clock.Advance(TimeSpan.FromMilliseconds(2.9));
        await Task.Delay(Grace);
        Assert.Equal(0, client.Available);

        clock.Advance(TimeSpan.FromMilliseconds(0.2));

        Assert.Equal("answer", await TcpTestServer.ReceiveAsync(client, 6));
    }

    [Fact]
    public void JitteredDueTimesNeverGoBackwardsAndNeverComeEarly()
    {
        var clock = new FakeTimeProvider();
        var random = new Random(7);
        var schedule = new DelaySchedule(clock, delayMs: 1, jitterMs: 10, random);
        var previous = long.MinValue;
        var decreasingRaw = 0;

        for (var i = 0; i < 1000; i++)
        {
            clock.Advance(TimeSpan.FromTicks(random.Next(0, 30_000)));
            var earliest = clock.GetTimestamp() + clock.TimestampFrequency / 1000;
            var due = schedule.Next();

            Assert.True(due >= earliest, $"chunk {i} is due {due}, before now + delay {earliest}");
            Assert.True(due >= previous, $"chunk {i} is due {due}, before the previous chunk's {previous}");
            decreasingRaw += due == previous ? 1 : 0;
            previous = due;
        }

        // Jitter larger than the gaps must have produced clamped (would-be reordered) chunks, or the test proves nothing.
        Assert.True(decreasingRaw > 0, "no chunk needed clamping; the jitter never tried to reorder");
    }

    [Fact]
    public async Task JitterNeverReordersTheBytesOfOneDirection()
    {
        var clock = new FakeTimeProvider();
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 1, jitterMs: 20, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        var sent = new StringBuilder();

        for (var i = 0; i < 40; i++)
        {
            var text = $"<{i:D3}>";
            sent.Append(text);
            await TcpTestServer.SendAsync(client, text);
            await TcpTestServer.WaitUntilAsync(() => relay.DelayedChunks == i + 1, () => $"{relay.DelayedChunks} chunks read, {i + 1} sent");
            clock.Advance(TimeSpan.FromMilliseconds(0.5));
        }

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(sent.ToString(), await TcpTestServer.ReceiveAsync(accepted, sent.Length));
    }
}
