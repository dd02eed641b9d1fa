using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TracingLab.LinkRelay.Benchmarks;

/// <summary>
/// The provider: answers every fixed-size request with a response of the same size, optionally after holding it
/// <c>holdMs</c> on the relays' own delay line (the control: the same wait with no relay in the path).
/// </summary>
internal sealed class EchoServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public EchoServer(int size, double holdMs = 0)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _ = AcceptAsync(size, (long)(holdMs * Stopwatch.Frequency / 1000));
    }

    public IPEndPoint EndPoint { get; }

    public void Dispose() => _listener.Dispose();

    private async Task AcceptAsync(int size, long hold)
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptAsync();
                socket.NoDelay = true;
                _ = Task.Run(() => ServeAsync(socket, size, hold));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task ServeAsync(Socket socket, int size, long hold)
    {
        using (socket)
        {
            var buffer = new byte[size];
            try
            {
                while (await RoundTrip.ReadExactlyAsync(socket, buffer))
                {
                    if (hold > 0)
                    {
                        await TracingLab.Relay.PreciseWaiter.Shared.WaitUntilAsync(Stopwatch.GetTimestamp() + hold, CancellationToken.None);
                    }

                    await socket.SendAsync(buffer);
                }
            }
            catch (SocketException)
            {
            }
        }
    }
}
