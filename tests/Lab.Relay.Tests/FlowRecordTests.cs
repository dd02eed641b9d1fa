using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using TracingLab.Relay;
using TracingLab.Contracts.Links;
using TracingLab.Contracts.LinksFeed;

namespace Lab.Relay.Tests;

public class FlowRecordTests
{
    [Fact]
    public async Task FlowRecordsCountBytesPerConnectionAndDirectionAtTheProvidersSide()
    {
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.PrivateLink, provider.EndPoint);

        for (var i = 0; i < 3; i++)
        {
            using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
            using var accepted = await provider.AcceptAsync();
            await TcpTestServer.SendAsync(client, new string('q', 100));
            Assert.Equal(100, (await TcpTestServer.ReceiveAsync(accepted, 100)).Length);
            await TcpTestServer.SendAsync(accepted, new string('a', 50));
            Assert.Equal(50, (await TcpTestServer.ReceiveAsync(client, 50)).Length);
        }

        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().ActiveConnections == 0, () => $"{relay.Snapshot().ActiveConnections} still open");
        var flows = relay.Flows.Get();
        var up = flows.Where(f => f.DstPort == provider.EndPoint.Port).ToList();
        var down = flows.Where(f => f.SrcPort == provider.EndPoint.Port).ToList();

        Assert.Equal(6, flows.Count);
        Assert.Equal(3, up.Select(f => f.SrcPort).Distinct().Count());
        Assert.All(up, f => Assert.Equal(("127.0.1.2", 100L), (f.SrcAddr, f.Bytes)));
        Assert.All(down, f => Assert.Equal(("127.0.1.2", 50L), (f.DstAddr, f.Bytes)));
        Assert.All(flows, f => Assert.Equal(("eni-privatelink-nlb-serviceb", "privatelink", "servicea", "serviceb", 6), (f.InterfaceId, f.Link, f.Consumer, f.Provider, f.Protocol)));
        var snapshot = relay.Snapshot();
        Assert.Equal((3L, 300L, 150L), (snapshot.Connections, snapshot.BytesToProvider, snapshot.BytesToConsumer));
    }

    [Fact]
    public void AFlowRendersAsAVpcFlowLogsLine()
    {
        var record = new FlowRecord(
            "eni-tgw-serviceb", "tgw", "servicea", "serviceb", "127.0.0.1", 40000, "127.0.0.1", 5102, 6, 3, 420,
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), DateTimeOffset.FromUnixTimeSeconds(1_700_000_042));

        Assert.Equal("2 000000000000 eni-tgw-serviceb 127.0.0.1 127.0.0.1 40000 5102 6 3 420 1700000000 1700000042 ACCEPT OK", record.ToFlowLogLine());
    }

    [Fact]
    public async Task OpenConnectionsShowTheirPartialWindowAndEachMinuteClosesARecord()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 5, TimeSpan.Zero));
        await using var provider = new TcpTestServer();
        await using var relay = RelayFactory.Start(LinkNames.Peering, provider.EndPoint, time: clock);
        using var client = await TcpTestServer.ConnectAsync(relay.ListenEndPoint);
        using var accepted = await provider.AcceptAsync();

        await TcpTestServer.SendAsync(client, new string('x', 10));
        await TcpTestServer.ReceiveAsync(accepted, 10);
        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().BytesToProvider == 10, () => $"{relay.Snapshot().BytesToProvider} bytes counted");
        var partial = Assert.Single(relay.Flows.Get());
        Assert.Equal((10L, 1L), (partial.Bytes, partial.Packets));

        clock.Advance(TimeSpan.FromSeconds(61));
        await TcpTestServer.SendAsync(client, new string('y', 20));
        await TcpTestServer.ReceiveAsync(accepted, 20);
        await TcpTestServer.WaitUntilAsync(() => relay.Snapshot().BytesToProvider == 30, () => $"{relay.Snapshot().BytesToProvider} bytes counted");

        var flows = relay.Flows.Get();
        Assert.Equal([10L, 20L], flows.Select(f => f.Bytes));
        Assert.Equal(clock.GetUtcNow(), flows[1].Start);
        Assert.Equal([20L], relay.Flows.Get(since: clock.GetUtcNow()).Select(f => f.Bytes));
        Assert.Matches(new Regex(@"^2 000000000000 eni-peering-serviceb 127\.0\.0\.1 127\.0\.0\.1 \d+ \d+ 6 1 20 \d+ \d+ ACCEPT OK$"), flows[1].ToFlowLogLine());
    }

    [Fact]
    public void TheStoreKeepsOnlyTheNewestRecords()
    {
        var store = new FlowStore(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            store.Add(new FlowRecord("eni", "tgw", "a", "b", "s", 1, "d", 2, 6, 1, i, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
        }

        Assert.Equal([3L, 4L, 5L], store.Get().Select(r => r.Bytes));
    }
}
