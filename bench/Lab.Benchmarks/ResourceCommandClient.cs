using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// Runs a resource command (a link's switch-off, say) in a running AppHost from another process, as the Aspire CLI does:
/// Aspire.Hosting listens on a Unix socket, <c>~/.aspire/cli/bch/&lt;hash&gt;.&lt;AppHost pid&gt;</c> in 13.6, and answers JSON-RPC 2.0
/// framed with Content-Length headers; its <c>ExecuteResourceCommandAsync</c> runs the command through
/// ResourceCommandService, the same path as the dashboard's button and a test's ExecuteCommandAsync
/// (dotnet/aspire src/Aspire.Hosting/Backchannel/AuxiliaryBackchannelService.cs and AuxiliaryBackchannelRpcTarget.cs).
/// </summary>
internal static class ResourceCommandClient
{
    /// <summary>
    /// Runs <paramref name="command"/> on <paramref name="resource"/>, with <paramref name="arguments"/> (input name → value,
    /// the request's <c>Arguments</c> object) if any; returns null on success, otherwise what failed.
    /// </summary>
    public static async Task<string?> ExecuteAsync(int appHostPid, string resource, string command, CancellationToken cancel, IReadOnlyDictionary<string, string>? arguments = null)
    {
        var cli = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aspire", "cli");
        var pid = appHostPid.ToString(CultureInfo.InvariantCulture);
        // 13.6 names the socket bch/<hash>.<pid>; earlier 13.x releases backchannels/auxi.sock.<hash>.<pid>.
        var socketPath = new[] { ("bch", $"*.{pid}"), ("backchannels", $"auxi.sock.*.{pid}") }
            .Select(d => (Directory: Path.Combine(cli, d.Item1), Pattern: d.Item2))
            .Where(d => Directory.Exists(d.Directory))
            .SelectMany(d => Directory.EnumerateFiles(d.Directory, d.Pattern))
            .FirstOrDefault();
        if (socketPath is null)
        {
            return $"no auxiliary backchannel socket of AppHost {appHostPid} under {cli}";
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "ExecuteResourceCommandAsync",
            ["params"] = new JsonArray(new JsonObject { ["ResourceName"] = resource, ["CommandName"] = command }),
        };
        if (arguments is not null)
        {
            // ExecuteResourceCommandRequest.Arguments: a JSON object of input name → value, validated like the dashboard's dialog.
            request["params"]![0]!["Arguments"] = new JsonObject(arguments.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value))));
        }

        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), cancel);
        await stream.WriteAsync(body, cancel);
        await stream.FlushAsync(cancel);

        using var answer = JsonDocument.Parse(await ReadMessageAsync(stream, cancel));
        if (answer.RootElement.TryGetProperty("error", out var error))
        {
            return $"{resource} {command}: JSON-RPC error {error}";
        }

        var result = answer.RootElement.GetProperty("result");
        var success = result.EnumerateObject().FirstOrDefault(p => p.Name.Equals("success", StringComparison.OrdinalIgnoreCase)).Value;
        return success.ValueKind == JsonValueKind.True ? null : $"{resource} {command}: {result}";
    }

    private static async Task<byte[]> ReadMessageAsync(Stream stream, CancellationToken cancel)
    {
        // Headers end at an empty line; Content-Length says how many bytes of JSON follow.
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancel) == 0)
            {
                throw new IOException("The AppHost closed the backchannel before answering.");
            }

            header.Append((char)one[0]);
        }

        var length = header.ToString().Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
            .Single();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancel);
        return body;
    }
}
