using System.Net;
using System.Net.Sockets;

namespace TracingLab.AppHost.Lab;

/// <summary>Hands out the lab's ports: stable Aspire-style defaults, or free ephemeral ones with --random-ports.</summary>
public sealed class PortAllocator(bool random)
{
    /// <summary>The port for an endpoint whose stable default is <paramref name="defaultPort"/>.</summary>
    public int Next(int defaultPort)
    {
        if (!random)
        {
            EnsureFree(defaultPort);
            return defaultPort;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void EnsureFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException e)
        {
            throw new LabStartException(
                $"Port {port} on 127.0.0.1 is in use ({e.SocketErrorCode}). Stop whatever holds it, or run with --random-ports (Lab:RandomPorts=true).", e);
        }
    }
}

/// <summary>The lab can't start; the message says why and what to do.</summary>
public sealed class LabStartException(string message, Exception? inner = null) : Exception(message, inner);
