using TracingLab.AppHost.Hosting;
using TracingLab.Dashboard;

namespace AppHost.Tests;

public class SupervisionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void BackoffDoublesPerConsecutiveCrashUpToThirtySeconds(int crashes, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ProcessSupervisor.Backoff(crashes, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ConsoleBufferKeepsTheNewestLinesAndCountsTheDropped()
    {
        var buffer = new ConsoleBuffer(capacity: 3);

        for (var i = 0; i < 5; i++)
        {
            buffer.Add(new ConsoleLine(DateTimeOffset.UnixEpoch, false, $"line {i}"));
        }

        Assert.Equal(["line 2", "line 3", "line 4"], buffer.Snapshot().Select(l => l.Text));
        Assert.Equal(2, buffer.Dropped);
    }

    [Fact]
    public void EnvironmentFollowsAspireConventionsWithOneEndpointPerLink()
    {
        var servicec = new ProjectResource("servicec", "c");
        var servicea = new ProjectResource("servicea", "a").WithReference(servicec);
        var linkPorts = new Dictionary<string, int> { ["tgw"] = 7001, ["peering"] = 7002 };

        var env = ServiceEnvironment.For(
            servicea, new Uri("http://127.0.0.1:5101"), _ => new Uri("http://127.0.0.1:5103"),
            (_, link) => new Uri($"http://127.0.0.1:{linkPorts[link]}"), ["tgw", "peering"], new Uri("http://127.0.0.1:18889"), "key1");

        Assert.Equal("http://127.0.0.1:5101", env["ASPNETCORE_URLS"]);
        Assert.Equal("servicea", env["OTEL_SERVICE_NAME"]);
        Assert.Matches("^service.instance.id=[0-9a-f]{8}$", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://127.0.0.1:18889", env["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", env["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=key1", env["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("1000", env["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("always_on", env["OTEL_TRACES_SAMPLER"]);
        Assert.Equal("http://127.0.0.1:5103", env["services__servicec__http__0"]);
        Assert.Equal("http://127.0.0.1:7001", env["services__servicec__tgw__0"]);
        Assert.Equal("http://127.0.0.1:7002", env["services__servicec__peering__0"]);
        Assert.False(env.ContainsKey("services__servicec__privatelink__0"));
        Assert.Equal("tgw,peering", env["Lab__Links"]);
    }

    [Fact]
    public void ABusyStablePortIsReportedWithTheWayOut()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

        var error = Assert.Throws<LabStartException>(() => new PortAllocator(random: false).Next(port));

        Assert.Contains($"Port {port} on 127.0.0.1 is in use", error.Message);
        Assert.Contains("--random-ports", error.Message);
    }
}
