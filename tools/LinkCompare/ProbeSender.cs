using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using TracingLab.LinkCompare.Load;
using TracingLab.LinkCompare.Recording;

namespace TracingLab.LinkCompare.Tool;

/// <summary>Sends one <c>GET /lab/hops?via={link}</c> and turns whatever comes back into a <see cref="ProbeOutcome"/>.</summary>
internal sealed class ProbeSender(HttpClient http, Uri target, TimeSpan timeout, TimeProvider time)
{
    public async Task<ProbeOutcome> SendAsync(ScheduledRequest request, CancellationToken ct)
    {
        var uri = ProbeUri(target, request.Link);
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        var bytesSent = RequestBytes(message);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeoutCts.Token).ConfigureAwait(false);
            var latency = time.GetElapsedTime(request.IntendedTimestamp);
            var answer = Read(body);
            var status = (int)response.StatusCode;
            var ok = response.IsSuccessStatusCode && answer is not null;
            return new ProbeOutcome(
                request.Link, latency, ok, ok ? null : status.ToString(System.Globalization.CultureInfo.InvariantCulture), bytesSent,
                ResponseBytes(response, body.Length), answer?.TraceId, Hops(answer));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(request, "timeout", bytesSent);
        }
        catch (HttpRequestException e)
        {
            return Failed(request, Kind(e), bytesSent);
        }
    }

    public static Uri ProbeUri(Uri target, string link) => new(target, $"/lab/hops?via={Uri.EscapeDataString(link)}");

    public static ProbeAnswer? Read(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, ProbeJson.Default.ProbeAnswer);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyList<ProbeHop> Hops(ProbeAnswer? answer) =>
        answer?.Hops is { } hops
            ? [.. hops.Where(h => h.From is not null && h.To is not null).Select(h => new ProbeHop($"{h.From}→{h.To}", h.RemoteAddress, h.ElapsedMs, h.Status))]
            : [];

    private ProbeOutcome Failed(ScheduledRequest request, string kind, long bytesSent) =>
        new(request.Link, time.GetElapsedTime(request.IntendedTimestamp), false, kind, bytesSent, 0, null, []);

    private static string Kind(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        HttpRequestError.ConnectionError => "connection error",
        HttpRequestError.NameResolutionError => "name resolution",
        HttpRequestError.ResponseEnded => "response ended",
        HttpRequestError.InvalidResponse => "invalid response",
        HttpRequestError.SecureConnectionError => "tls error",
        _ => "http error",
    };

    // HTTP/1.1 bytes as they go on the wire: request line, Host, the headers HttpClient adds, blank line (no body).
    private static long RequestBytes(HttpRequestMessage message) =>
        $"GET {message.RequestUri!.PathAndQuery} HTTP/1.1\r\nHost: {message.RequestUri.Authority}\r\n".Length + HeaderBytes(message.Headers) + 2;

    private static long ResponseBytes(HttpResponseMessage response, int bodyLength) =>
        $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n".Length + HeaderBytes(response.Headers) + HeaderBytes(response.Content.Headers) + 2 + bodyLength;

    private static long HeaderBytes(HttpHeaders headers)
    {
        long n = 0;
        foreach (var header in headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                n += header.Key.Length + 2 + value.Length + 2;
            }
        }

        return n;
    }
}
