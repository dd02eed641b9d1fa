using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TracingLab.AppHost.Lab;

/// <summary>
/// Hands out the lab's ports: stable Aspire-style defaults, or free ones chosen at random with random ports. Random
/// ports come from below the kernel's ephemeral range: the relays, the links feed and DCP bind port 0 afterwards, and
/// the kernel could otherwise give one of them a port handed out here but not bound yet (a service would then fail to
/// listen).
/// </summary>
public sealed class PortAllocator(bool random)
{
    private const int LowestRandomPort = 10_000;
    private readonly HashSet<int> _given = [];

    /// <summary>The port for an endpoint whose stable default is <paramref name="defaultPort"/>.</summary>
    public int Next(int defaultPort)
    {
        if (!random)
        {
            EnsureFree(defaultPort);
            return defaultPort;
        }

        var highest = EphemeralLow() - 1;
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(LowestRandomPort, highest + 1);
            if (!_given.Contains(port) && IsFree(port))
            {
                _given.Add(port);
                return port;
            }
        }

        throw new LabStartException($"No free port found on 127.0.0.1 between {LowestRandomPort} and {highest} after 500 tries.");
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture) is var low and > LowestRandomPort + 1000 ? low : 32_768;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768; // Linux's default; elsewhere the range starts higher still (49152 on macOS and Windows).
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void EnsureFree(int port)
    {
        if (!IsFree(port))
        {
            throw new LabStartException(
                $"Port {port} on 127.0.0.1 is in use. Stop whatever holds it, or run with --random-ports (Lab:RandomPorts=true).");
        }
    }
}
