using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LabConsole.Hosting;
using TracingLab.AspireTelemetry;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LabConsole.Links;

/// <summary>
/// The AppHost's read-only links feed: <c>GET {LinksFeedUrl}/links?since=</c> with header <c>x-lab-feed-key</c> answers
/// the relays (with their on/off state) and the flow records. Without a feed (LinksFeedUrl empty) there are no links.
/// </summary>
public sealed partial class LinksFeedClient(HttpClient http, IOptions<LabConsoleOptions> options, ILogger<LinksFeedClient> logger)
{
    /// <summary>The header carrying LinksFeedKey.</summary>
    public const string KeyHeader = "x-lab-feed-key";

    /// <summary>Whether a feed is configured.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.LinksFeedUrl);

    /// <summary>The relays and the flow records ending at or after <paramref name="since"/> (all kept when null).</summary>
    public async Task<LinksSnapshot> GetAsync(DateTimeOffset? since, CancellationToken ct)
    {
        if (!IsConfigured)
        {
            return new LinksSnapshot([], []);
        }

        var query = since is { } s ? "?since=" + Uri.EscapeDataString(s.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)) : string.Empty;
        var url = new Uri(new Uri(options.Value.LinksFeedUrl!.TrimEnd('/') + "/"), "links" + query);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(KeyHeader, options.Value.LinksFeedKey);
        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var why = response.StatusCode == HttpStatusCode.Unauthorized ? "; LabConsole:LinksFeedKey was refused" : string.Empty;
                throw new UpstreamException($"the AppHost's links feed at {url.GetLeftPart(UriPartial.Authority)} answered {(int)response.StatusCode} {response.ReasonPhrase}{why}");
            }

            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, LinksFeedJson.Default.LinksSnapshot, ct).ConfigureAwait(false)
                ?? throw new UpstreamException($"the AppHost's links feed at {url.GetLeftPart(UriPartial.Authority)} answered JSON null");
        }
        catch (JsonException ex)
        {
            throw new UpstreamException($"the AppHost's links feed at {url.GetLeftPart(UriPartial.Authority)} answered JSON that is not a links snapshot: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            LogUnreachable(logger, url.GetLeftPart(UriPartial.Authority), ex.Message);
            throw new UpstreamException(StatusCodes.Status503ServiceUnavailable, $"the AppHost's links feed at {url.GetLeftPart(UriPartial.Authority)} did not answer: {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AppHost's links feed at {Url} did not answer: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string url, string reason);
}
