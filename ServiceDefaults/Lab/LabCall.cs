using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.ServiceDefaults.Lab;

/// <summary>The outcome of one call to another lab service.</summary>
public sealed record LabCallResult<T>(int Status, T? Body, ProblemDetails? Problem, string? Error, double ElapsedMs)
{
    /// <summary>True for a 2xx answer with a body.</summary>
    public bool Succeeded => Status is >= 200 and < 300 && Body is not null;
}

/// <summary>
/// Calls another lab service over a chosen link: the link goes into baggage (so the callee uses the same kind of link
/// for its own calls) and onto the client span with the hop and <c>peer.service</c>. Failures come back as values.
/// </summary>
public static class LabCall
{
    /// <summary>Status used when no HTTP answer came back (refused connection, timeout).</summary>
    public const int Unreachable = 502;

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> to <paramref name="provider"/> over <paramref name="link"/>.</summary>
    public static async Task<LabCallResult<T>> SendAsync<T>(
        HttpClient http, string from, string provider, LinkChoice link, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(link);
        if (link.BaseAddress is null)
        {
            throw new ArgumentException($"Link '{link.Link}' was refused: {link.Error}", nameof(link));
        }

        Baggage.SetBaggage(LabAttributes.Link, link.Link);
        using var request = new HttpRequestMessage(method, new Uri(link.BaseAddress, path));
        request.Options.Set(LabRequestOptions.Link, link.Link);
        request.Options.Set(LabRequestOptions.PeerService, provider);
        request.Options.Set(LabRequestOptions.Hop, $"{from}→{provider}");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var result = await response.Content.ReadFromJsonAsync<T>(ct).ConfigureAwait(false);
                    return new(status, result, null, null, Elapsed(started));
                }
                catch (System.Text.Json.JsonException e)
                {
                    // A 2xx whose body is not the expected JSON is a bad answer from upstream: a 502 that says so.
                    return new(Unreachable, default, null, $"{provider} answered {status} over {link.Link} with a body that is not the expected JSON: {e.Message}", Elapsed(started));
                }
            }

            var problem = await ReadProblemAsync(response, ct).ConfigureAwait(false);
            return new(status, default, problem, problem?.Detail ?? problem?.Title ?? response.ReasonPhrase, Elapsed(started));
        }
        // IOException: the connection reset while the answer's body was read (a link switched off mid-answer);
        // SocketException: a new connection reset before SocketsHttpHandler read its remote end point, which it lets
        // escape unwrapped ("Transport endpoint is not connected", seen when a link is switched off under load);
        // ExecutionRejectedException: the resilience pipeline's timeouts, open circuit or rate limiter.
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException
                                      or OperationCanceledException or Polly.ExecutionRejectedException
                                  && !ct.IsCancellationRequested)
        {
            return new(Unreachable, default, null, $"{provider} unreachable over {link.Link}: {e.Message}", Elapsed(started));
        }
    }

    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDetails>(ct).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
}
