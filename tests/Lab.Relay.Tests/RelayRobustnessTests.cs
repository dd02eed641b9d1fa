using System.Net;
using System.Net.Sockets;
using TracingLab.Relay;
using TracingLab.Contracts.Links;

namespace Lab.Relay.Tests;

public class RelayRobustnessTests
{
    [Theory]
    [InlineData("peering")]
    [InlineData("privatelink")]
    public async Task ProviderDownClosesTheClientConnectionAndTheRelayServesTheNextOne(string link)
    {
        int port;
        using (var reserve = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            reserve.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)reserve.LocalEndPoint!).Port;
        }

        await using var relay = RelayFactory.Start(link, new IPEndPoint(IPAddress.Loopback, port), delayMs: link == "privatelink" ? 0.05 : 0);

        using (var refused = await TcpTestServer.ConnectAsync(relay.ListenEndPoint))
        {
            // Nothing listens on the provider's port: the relay closes (or resets) the consumer's connection.
            try
            {
                Assert.Equal("", await TcpTestServer.ReceiveToEndAsync(refused));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
            }
        }

        await using var provider = new TcpTestServer(port);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(client, "back");
        Assert.Equal("back", await TcpTestServer.ReceiveAsync(accepted, 4));
        Assert.Equal(2, relay.Snapshot().Connections);
    }

    [Fact]
    public async Task ClientResetEndsOnlyItsOwnConnection()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Tgw, provider.EndPoint, delayMs: 0.1);

        var resetting = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var first = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(resetting, "half a req");
        Assert.Equal("half a req", await TcpTestServer.ReceiveAsync(first, 10));
        resetting.LingerState = new LingerOption(true, 0);
        resetting.Dispose(); // RST

        try
        {
            Assert.Equal("", await TcpTestServer.ReceiveToEndAsync(first));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }

        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var second = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(client, "still here");
        Assert.Equal("still here", await TcpTestServer.ReceiveAsync(second, 10));
        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().ActiveConnections == 1, () => $"active: {relay.Snapshot().ActiveConnections}");
    }
}
