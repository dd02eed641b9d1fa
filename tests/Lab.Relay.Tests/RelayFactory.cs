using System.Net;
using TracingLab.Relay;

namespace Lab.Relay.Tests;

internal static class RelayFactory
{
    public static readonly IPAddress Nlb = IPAddress.Parse("127.0.1.2");

    public static TcpRelay Start(
        string link, IPEndPoint target, double delayMs = 0, double jitterMs = 0, TimeProvider? time = null, FlowStore? flows = null,
        Random? random = null) =>
        TcpRelay.Start(
            RelaySpec.For(link, "servicea", "serviceb", target, new LinkProfile(delayMs, jitterMs, "test"), Nlb), time, flows, random: random);
}
