using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using TracingLab.Contracts.Links;
using TracingLab.Relay;
using TracingLab.Relay.Faults;
using TracingLab.Relay.Lattice;
using TracingLab.Testing;

namespace Lab.Relay.Tests;

/// <summary>The lattice link's HTTP hop on 127.0.0.1: what the callee sees, which headers it gets, and its faults.</summary>
public class LatticeHopTests
{
    private static readonly IPAddress LatticeAddress = LatticeIdentity.AddressFor(2);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheCalleeSeesLatticesAddressAndTheCallerInXForwardedFor()
    {
        await using var callee = await StartCalleeAsync();
        await using var hop = await StartHopAsync(callee);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{hop.ListenEndPoint}") };

        var seen = await http.GetFromJsonAsync<JsonElement>("/echo").WaitAsync(Timeout);

        Assert.Equal("127.0.171.2", seen.GetProperty("remote").GetString());
        Assert.Equal("127.0.0.1", Header(seen, "x-forwarded-for"));
        Assert.Equal(hop.ListenEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(seen, "x-forwarded-for-port"));
        Assert.Equal("http", Header(seen, "x-forwarded-for-proto"));
        Assert.Equal("SourceVpcArn=arn:aws:ec2:us-east-1:123456789012:vpc/vpc-a", Header(seen, "x-amzn-lattice-network"));
        Assert.Equal(
            "ServiceArn=arn:aws:vpc-lattice:us-east-1:123456789012:service/svc-serviceb;" +
            "ServiceNetworkArn=arn:aws:vpc-lattice:us-east-1:123456789012:servicenetwork/sn-tracinglab;" +
            "TargetGroupArn=arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-serviceb",
            Header(seen, "x-amzn-lattice-target"));
        Assert.Equal("1.1", seen.GetProperty("protocol").GetString());
        Assert.Equal("127.0.171.2", hop.Relay.Snapshot().SourceAddress);
        Assert.Equal(hop.ListenEndPoint.ToString(), hop.Relay.Snapshot().ListenAddress);
    }

    [Fact]
    public async Task SpoofedIdentityHeadersAreStrippedAndTraceHeadersPassUnchanged()
    {
        await using var callee = await StartCalleeAsync();
        await using var hop = await StartHopAsync(callee);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{hop.ListenEndPoint}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.TryAddWithoutValidation("x-amzn-lattice-identity", "Principal=arn:aws:iam::999999999999:role/admin");
        request.Headers.TryAddWithoutValidation("x-amzn-lattice-network", "SourceVpcArn=arn:aws:ec2:us-east-1:999999999999:vpc/vpc-evil");
        request.Headers.TryAddWithoutValidation("x-amzn-lattice-target", "ServiceArn=spoofed");
        request.Headers.TryAddWithoutValidation("x-forwarded-for", "203.0.113.7");
        const string traceparent = "00-6b036a5f6a6cfcdc8632600abd17cdde-1122334455667788-01";
        const string xray = "Root=1-6b036a5f-6a6cfcdc8632600abd17cdde;Parent=1122334455667788;Sampled=1";
        request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", xray);

        using var response = await http.SendAsync(request).WaitAsync(Timeout);
        var seen = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Null(Header(seen, "x-amzn-lattice-identity"));
        Assert.Equal("SourceVpcArn=arn:aws:ec2:us-east-1:123456789012:vpc/vpc-a", Header(seen, "x-amzn-lattice-network"));
        Assert.StartsWith("ServiceArn=arn:aws:vpc-lattice:", Header(seen, "x-amzn-lattice-target"), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", Header(seen, "x-forwarded-for"));
        Assert.Equal(traceparent, Header(seen, "traceparent"));
        Assert.Equal(xray, Header(seen, "x-amzn-trace-id"));
    }

    [Fact]
    public async Task FlowRecordsAreCapturedFromLatticesAddressToTheCallee()
    {
        await using var callee = await StartCalleeAsync();
        await using var hop = await StartHopAsync(callee);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{hop.ListenEndPoint}") };

        (await http.GetAsync("/echo").WaitAsync(Timeout)).EnsureSuccessStatusCode();

        var records = hop.Relay.Flows.Get();
        var toCallee = Assert.Single(records, r => r.DstPort == callee.Url.Port);
        Assert.Equal(("lattice", "127.0.171.2", "eni-lattice-serviceb"), (toCallee.Link, toCallee.SrcAddr, toCallee.InterfaceId));
        Assert.True(toCallee.Bytes > 0);
    }

    [Fact]
    public async Task AResetBehindLatticeReachesTheCallerAsA502()
    {
        await using var callee = await StartCalleeAsync();
        await using var hop = await StartHopAsync(callee);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{hop.ListenEndPoint}") };
        hop.Relay.Inject(new ResetFault(Rate: 1));

        using var response = await http.GetAsync("/echo").WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.True(hop.Relay.Resets > 0, "the relay behind the hop reset no connection");
    }

    [Fact]
    public async Task LatencyHoldsTheRequestUntilTheClockHasMoved()
    {
        var clock = new FakeTimeProvider();
        await using var callee = await StartCalleeAsync();
        await using var hop = await StartHopAsync(callee, clock);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{hop.ListenEndPoint}") };
        hop.Relay.Inject(new LatencyFault(TimeSpan.FromMilliseconds(500), FaultDirection.CallerToCallee));

        var call = http.GetAsync("/echo");
        await TcpTestServer.WaitUntilAsync(() => hop.Relay.FaultedChunks >= 1, () => $"{hop.Relay.FaultedChunks} chunks under faults");
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.False(call.IsCompleted, "the request arrived before the fault's delay had passed on the clock");

        clock.Advance(TimeSpan.FromMilliseconds(501));
        using var response = await call.WaitAsync(Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SwitchedOffTheHopDropsTheCallersConnection()
    {
        await using var callee = await StartCalleeAsync();
        await using var hop = await StartHopAsync(callee);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{hop.ListenEndPoint}") };
        (await http.GetAsync("/echo").WaitAsync(Timeout)).EnsureSuccessStatusCode();

        hop.Relay.SwitchOff();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/echo").WaitAsync(Timeout));
        hop.Relay.SwitchOn();
        (await http.GetAsync("/echo").WaitAsync(Timeout)).EnsureSuccessStatusCode();
    }

    private static string? Header(JsonElement seen, string name) =>
        seen.GetProperty("headers").TryGetProperty(name, out var value) ? value.GetString() : null;

    private static Task<LoopbackHost> StartCalleeAsync() => LoopbackHost.StartAsync(app => app.MapGet("/echo", (HttpContext context) => Results.Ok(new
    {
        remote = context.Connection.RemoteIpAddress?.ToString(),
        protocol = context.Request.Protocol.Replace("HTTP/", "", StringComparison.Ordinal),
        headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
    })));

    private static async Task<LatticeHop> StartHopAsync(LoopbackHost callee, TimeProvider? time = null)
    {
        var target = new IPEndPoint(IPAddress.Loopback, callee.Url.Port);
        var spec = RelaySpec.For(LinkNames.Lattice, "servicea", "serviceb", target, new LinkProfile(0, 0, "test"), RelayFactory.Nlb, LatticeAddress);
        return await LatticeHop.StartAsync(TcpRelay.Start(spec, time));
    }
}
