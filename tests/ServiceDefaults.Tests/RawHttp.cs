using System.Net.Sockets;
using System.Text;

namespace ServiceDefaults.Tests;

/// <summary>
/// A request written straight to a socket, as curl would send it. An HttpClient in this process is itself traced, and
/// its own traceparent would mask the X-Ray header under test.
/// </summary>
internal static class RawHttp
{
    public static async Task<int> GetAsync(Uri url, IReadOnlyDictionary<string, string> headers)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync(url.Host, url.Port, timeout.Token);
        var request = new StringBuilder($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? "";
        await reader.ReadToEndAsync(timeout.Token);
        return int.Parse(statusLine.Split(' ')[1]);
    }
}
