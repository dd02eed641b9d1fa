using System.Net;
using TracingLab.Relay;
using TracingLab.Contracts.Links;

namespace Lab.Relay.Tests;

public class LinkTraitTests
{
    private static readonly IPAddress Caller = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task PrivateLinkMakesTheProviderSeeTheNlbAddressInsteadOfTheCaller()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.PrivateLink, provider.EndPoint, delayMs: 0.05, jitterMs: 0.02);

        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint, from: Caller);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(client, "ping");

        Assert.Equal("ping", await TcpTestServer.ReceiveAsync(accepted, 4));
        var seen = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
        Assert.Equal(RelayFactory.Nlb, seen);
        Assert.NotEqual(Caller, seen);
        Assert.Equal("127.0.1.2", relay.Snapshot().SourceAddress);
        Assert.Equal(["servicea", "vpce-vpc-a-serviceb", "nlb-serviceb", "serviceb"], relay.Snapshot().Path);
    }

    [Theory]
    [InlineData("peering")]
    [InlineData("tgw")]
    public async Task PeeringAndTgwLetTheProviderSeeTheCallersOwnAddress(string link)
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(link, provider.EndPoint, delayMs: link == "tgw" ? 0.05 : 0);

        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint, from: Caller);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(client, "ping");

        Assert.Equal("ping", await TcpTestServer.ReceiveAsync(accepted, 4));
        Assert.Equal(Caller, ((IPEndPoint)accepted.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task PeeringAddsNoHopAndSchedulesNoDelay()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint);

        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(client, "request");
        Assert.Equal("request", await TcpTestServer.ReceiveAsync(accepted, 7));
        await TcpTestServer.SendAsync(accepted, "answer");
        Assert.Equal("answer", await TcpTestServer.ReceiveAsync(client, 6));

        var snapshot = relay.Snapshot();
        Assert.Equal(["servicea", "serviceb"], snapshot.Path);
        Assert.Equal(0, snapshot.AddedDelayMs);
        Assert.Equal(0, relay.DelayedChunks);
    }

    [Fact]
    public void TgwPathHasTheAttachmentsAndTheGateway()
    {
        var spec = RelaySpec.For(LinkNames.Tgw, "servicea", "servicec", new IPEndPoint(IPAddress.Loopback, 1), new LinkProfile(1, 0, "t"), RelayFactory.Nlb);

        Assert.Equal(["servicea", "tgw-attachment-vpc-a", "tgw", "tgw-attachment-vpc-c", "servicec"], spec.Path);
        Assert.Null(spec.SourceAddress);
        Assert.Equal("eni-tgw-servicec", spec.InterfaceId);
    }

    [Theory]
    [InlineData("peering")]
    [InlineData("tgw")]
    public async Task HalfCloseTravelsThroughTheRelayAndTheAnswerStillComesBack(string link)
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(link, provider.EndPoint, delayMs: link == "tgw" ? 0.2 : 0, jitterMs: link == "tgw" ? 0.1 : 0);

        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();
        await TcpTestServer.SendAsync(client, "request");
        client.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        Assert.Equal("request", await TcpTestServer.ReceiveToEndAsync(accepted));
        await TcpTestServer.SendAsync(accepted, "answer after the half-close");
        accepted.Shutdown(System.Net.Sockets.SocketShutdown.Both);
        Assert.Equal("answer after the half-close", await TcpTestServer.ReceiveToEndAsync(client));
    }
}
