using System.Net;

namespace TracingLab.LinkCompare.Tool;

/// <summary>The one HttpClient of a run: enough connections for open-loop load, recycled so DNS changes are seen.</summary>
internal static class LabHttp
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        // Open loop: every request in flight needs its own HTTP/1.1 connection; never queue behind a pool limit.
        MaxConnectionsPerServer = 4096,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    })
    {
        // Per-request timeouts come from a token, so a timeout is told apart from other cancellations.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };
}
