using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Hosting;

namespace TracingLab.LabConsole.Intake;

/// <summary>
/// Sends an OTLP/HTTP request on to the Aspire dashboard's OTLP endpoint as it came (same path, body bytes,
/// Content-Type and Content-Encoding), with the dashboard's OTLP API key; the caller answers with the dashboard's answer.
/// </summary>
public sealed partial class OtlpForwarder(HttpClient http, IOptions<LabConsoleOptions> options, ILogger<OtlpForwarder> logger)
{
    /// <summary>The header the dashboard's OTLP intake reads its key from (Aspire's OTEL_EXPORTER_OTLP_HEADERS).</summary>
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    /// <summary>True when there is a dashboard to forward to (<see cref="LabConsoleOptions.DashboardOtlpUrl"/>).</summary>
    public bool Enabled => !string.IsNullOrEmpty(options.Value.DashboardOtlpUrl);

    /// <summary>Forwards and copies the dashboard's answer to <paramref name="response"/>; a 503 when it cannot be reached.</summary>
    public async Task ForwardAsync(string path, ReadOnlyMemory<byte> body, HttpRequest from, HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(response);
        var url = new Uri(new Uri(options.Value.DashboardOtlpUrl!.TrimEnd('/') + "/"), path.TrimStart('/'));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        if (from.ContentType is { } type)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }

        foreach (var encoding in from.Headers.ContentEncoding)
        {
            request.Content.Headers.ContentEncoding.Add(encoding!);
        }

        if (options.Value.OtlpApiKey is { Length: > 0 } key)
        {
            request.Headers.Add(OtlpApiKeyHeader, key);
        }

        HttpResponseMessage answer;
        try
        {
            answer = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            LogUnreachable(logger, url, ex.Message);
            // 503 is retryable for OTLP/HTTP exporters: the batch is sent again rather than lost.
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using (answer)
        {
            response.StatusCode = (int)answer.StatusCode;
            if (answer.Content.Headers.ContentType is { } answerType)
            {
                response.ContentType = answerType.ToString();
            }

            await answer.Content.CopyToAsync(response.Body, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Aspire dashboard's OTLP endpoint did not answer {Url}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, Uri url, string reason);
}
