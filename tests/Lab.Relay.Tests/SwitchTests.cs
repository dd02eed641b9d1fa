using System.Net.Sockets;
using TracingLab.Relay;
using TracingLab.Contracts.Links;

namespace Lab.Relay.Tests;

public class SwitchTests
{
    [Fact]
    public async Task SwitchingOffResetsAnOpenConnectionAndRefusesNewOnesUntilSwitchedOn()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint);
        using var pooled = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(pooled, "ping");
        Assert.Equal("ping", await TcpTestServer.ReceiveAsync(accepted, 4));

        relay.SwitchOff();

        Assert.False(relay.IsOn);
        Assert.False(relay.Snapshot().IsOn);
        // The open (keep-alive) connection is reset, so it cannot carry the next request past the switch.
        await Assert.ThrowsAnyAsync<Exception>(async () => await TcpTestServer.ReceiveToEndAsync(pooled).ContinueWith(t =>
            t.IsCompletedSuccessfully && t.Result.Length == 0 ? throw new SocketException((int)SocketError.ConnectionReset) : t.Result, TaskScheduler.Default));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var refused = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
            await TcpTestServer.SendAsync(refused, "ping");
            if ((await TcpTestServer.ReceiveToEndAsync(refused)).Length == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }
        });
        Assert.Equal(1, relay.Snapshot().Connections);

        relay.SwitchOn();

        using var again = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var acceptedAgain = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(again, "pong");
        Assert.Equal("pong", await TcpTestServer.ReceiveAsync(acceptedAgain, 4));
        Assert.True(relay.Snapshot().IsOn);
    }

    [Fact]
    public async Task SetProfileChangesTheDelayOfTheNextConnectionAndTheSnapshot()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 0.05, jitterMs: 0.02);

        relay.SetProfile(relay.Profile with { DelayMs = 3, JitterMs = 0.5, Source = "set by test" });

        var snapshot = relay.Snapshot();
        Assert.Equal((3, 0.5, "set by test"), (snapshot.AddedDelayMs, snapshot.JitterMs, snapshot.ProfileSource));
        Assert.Equal(0.05, relay.Spec.Profile.DelayMs);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(client, "ping");
        Assert.Equal("ping", await TcpTestServer.ReceiveAsync(accepted, 4));
        Assert.True(relay.DelayedChunks > 0);
    }
}
