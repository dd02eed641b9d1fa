using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Lab.Relay.Tests;

/// <summary>A plain TCP server on 127.0.0.1 and an ephemeral port standing in for a provider: it hands each accepted socket to the test.</summary>
public sealed class TcpTestServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Socket _listener;
    private readonly Channel<Socket> _accepted = Channel.CreateUnbounded<Socket>();
    private readonly List<Socket> _sockets = [];
    private readonly Task _loop;

    public TcpTestServer(int port = 0)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptAsync();
                    lock (_sockets)
                    {
                        _sockets.Add(socket);
                    }

                    await _accepted.Writer.WriteAsync(socket);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The next accepted connection; its RemoteEndPoint is the caller's address as this server sees it.</summary>
    public async Task<Socket> AcceptAsync() => await _accepted.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _loop;
        lock (_sockets)
        {
            _sockets.ForEach(s => s.Dispose());
        }
    }

    /// <summary>A client socket connected to <paramref name="target"/>, optionally from <paramref name="from"/>.</summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint target, IPAddress? from = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(target).WaitAsync(Timeout);
        return socket;
    }

    public static Task SendAsync(Socket socket, string text) => socket.SendAsync(Encoding.ASCII.GetBytes(text)).WaitAsync(Timeout);

    /// <summary>Reads until <paramref name="length"/> bytes arrived or the peer closed; returns what came.</summary>
    public static async Task<string> ReceiveAsync(Socket socket, int length)
    {
        var buffer = new byte[length];
        var total = 0;
        while (total < length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(total)).AsTask().WaitAsync(Timeout);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return Encoding.ASCII.GetString(buffer, 0, total);
    }

    /// <summary>Reads to the end of the stream (the peer's half-close).</summary>
    public static async Task<string> ReceiveToEndAsync(Socket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Timeout)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the timeout passes; fails with <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting: " + what());
            await Task.Delay(2);
        }
    }
}
