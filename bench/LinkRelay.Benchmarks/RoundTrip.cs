using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TracingLab.LinkRelay.Benchmarks;

/// <summary>One persistent connection (like an HTTP keep-alive connection) timing request → response round trips.</summary>
internal sealed class RoundTrip : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _request;
    private readonly byte[] _response;

    private RoundTrip(int size)
    {
        _request = new byte[size];
        _response = new byte[size];
        Random.Shared.NextBytes(_request);
    }

    public static async Task<RoundTrip> ConnectAsync(IPEndPoint target, int size)
    {
        var trip = new RoundTrip(size);
        await trip._socket.ConnectAsync(target);
        return trip;
    }

    /// <summary>One round trip, in nanoseconds.</summary>
    public async Task<long> TimeAsync()
    {
        var start = Stopwatch.GetTimestamp();
        await _socket.SendAsync(_request);
        if (!await ReadExactlyAsync(_socket, _response))
        {
            throw new InvalidOperationException("The connection closed mid-benchmark.");
        }

        return (Stopwatch.GetTimestamp() - start) * 1_000_000_000 / Stopwatch.Frequency;
    }

    public void Dispose() => _socket.Dispose();

    public static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(total));
            if (read == 0)
            {
                return false;
            }

            total += read;
        }

        return true;
    }
}
