using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using TracingLab.Contracts.Telemetry;
using TracingLab.Otlp;

namespace TracingLab.AspireTelemetry;

/// <summary>
/// The Aspire dashboard's telemetry API (<c>{DashboardUrl}/api/telemetry</c>, header <c>x-api-key</c>): one trace by
/// id, or the newest traces. Nothing is cached: the dashboard is the store.
/// </summary>
public sealed partial class AspireTelemetryClient(HttpClient http, IOptions<AspireDashboardOptions> options, ILogger<AspireTelemetryClient> logger)
{
    /// <summary>The header the dashboard's API reads its key from.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The trace, or null when the dashboard holds no trace with this id.</summary>
    public async Task<LocalTrace?> GetTraceAsync(XRayTraceId id, CancellationToken ct)
    {
        // The dashboard matches the W3C form only; the X-Ray form 1-xxxxxxxx-... is a 404 there.
        var spans = await GetAsync($"api/telemetry/traces/{id.ToHex()}", ct).ConfigureAwait(false);
        return spans is null ? null : new LocalTrace(id, spans);
    }

    /// <summary>The newest <paramref name="limit"/> traces (the dashboard's <c>GET /api/telemetry/traces?limit=</c>), newest first.</summary>
    public async Task<IReadOnlyList<LocalTrace>> ListTracesAsync(int limit, CancellationToken ct)
    {
        var spans = await GetAsync($"api/telemetry/traces?limit={limit.ToString(CultureInfo.InvariantCulture)}", ct).ConfigureAwait(false) ?? [];
        return [.. TraceSplitter.Split(spans).OrderByDescending(t => t.StartUnixNano)];
    }

    private async Task<IReadOnlyList<Otlp.Trace.V1.ResourceSpans>?> GetAsync(string path, CancellationToken ct)
    {
        var url = new Uri(new Uri(options.Value.DashboardUrl.TrimEnd('/') + "/"), path);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (options.Value.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Add(ApiKeyHeader, key);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            LogUnreachable(logger, url, ex.Message);
            throw new UpstreamException(StatusCodes.Status503ServiceUnavailable, $"the Aspire dashboard at {url.GetLeftPart(UriPartial.Authority)} did not answer GET {url.PathAndQuery}: {ex.Message}", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound && path.StartsWith("api/telemetry/traces/", StringComparison.Ordinal))
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var why = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? $"; the API key (LabConsole:ApiKey) was refused"
                    : response.StatusCode == HttpStatusCode.NotFound ? "; is its telemetry API enabled?" : string.Empty;
                throw new UpstreamException($"the Aspire dashboard at {url.GetLeftPart(UriPartial.Authority)} answered GET {url.PathAndQuery} with {(int)response.StatusCode} {response.ReasonPhrase}{why}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            try
            {
                return AspireJson.ReadResourceSpans(body);
            }
            catch (OtlpFormatException ex)
            {
                throw new UpstreamException($"the Aspire dashboard at {url.GetLeftPart(UriPartial.Authority)} answered GET {url.PathAndQuery} with JSON the console cannot read: {ex.Message}", ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Aspire dashboard did not answer {Url}: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, Uri url, string reason);
}
