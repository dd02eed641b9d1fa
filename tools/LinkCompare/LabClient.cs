using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TracingLab.Contracts.LinksFeed;
using TracingLab.Contracts.Telemetry;
using TracingLab.LinkCompare.Hops;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// The local lab as the compare command uses it: traces for the per-hop breakdown from the Aspire dashboard's telemetry
/// API (<paramref name="dashboard"/>), the relays, flow records and the place the finished run is posted from the lab
/// console (<paramref name="console"/>); both take the same x-api-key. Either may be absent (--dashboard none,
/// --console none). Every failure becomes a note; none stops the report.
/// </summary>
internal sealed class LabClient(HttpClient http, Uri? dashboard, Uri? console, string? apiKey, TimeSpan timeout)
{
    private const int Parallelism = 8;

    /// <summary>The hop spans of <paramref name="traceIds"/> (per link), with notes on what could not be read.</summary>
    public async Task<(IReadOnlyList<HopSpan> Spans, IReadOnlyList<string> Notes)> HopSpansAsync(
        IReadOnlyDictionary<string, IReadOnlyList<string>> traceIds, CancellationToken ct)
    {
        var spans = new List<HopSpan>();
        var notes = new List<string>();
        if (dashboard is null)
        {
            notes.Add("No Aspire dashboard (--dashboard none): per-hop figures come from the probe's own hop reports.");
            return (spans, notes);
        }

        var work = traceIds.SelectMany(l => l.Value.Select(id => (Link: l.Key, Id: id))).ToList();
        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = 0;
        string? failure = null;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (item, token) =>
        {
            if (Volatile.Read(ref refused) > 0)
            {
                return;
            }

            try
            {
                // The Aspire dashboard finds traces by their W3C id only; /lab/hops reports the X-Ray form.
                using var response = await SendAsync(dashboard, HttpMethod.Get, $"/api/telemetry/traces/{Uri.EscapeDataString(XRayTraceId.TryParseForm(item.Id, out var id) ? id.ToHex() : item.Id)}", null, token).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    Interlocked.Increment(ref refused);
                    return;
                }

                if (!response.IsSuccessStatusCode)
                {
                    lock (missing)
                    {
                        missing[item.Link] = missing.GetValueOrDefault(item.Link) + 1;
                    }

                    return;
                }

                var read = HopSpanReader.Read(item.Id, await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                lock (spans)
                {
                    spans.AddRange(read);
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                failure ??= e.Message;
                lock (missing)
                {
                    missing[item.Link] = missing.GetValueOrDefault(item.Link) + 1;
                }
            }
        }).ConfigureAwait(false);

        if (refused > 0)
        {
            notes.Add($"The Aspire dashboard at {dashboard} refused the API key (401/403) for traces; pass --api-key or set {CompareArguments.ApiKeyVariable}. Per-hop figures come from the probe instead.");
        }

        foreach (var (link, count) in missing.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            notes.Add($"{count} of {traceIds[link].Count} sampled {link} traces could not be read from the Aspire dashboard{(failure is null ? " (not found: not landed yet, or evicted)" : $" ({failure})")}.");
        }

        return (spans, notes);
    }

    /// <summary>The relays and the flow records ending at or after <paramref name="since"/>, or null with a note.</summary>
    public async Task<(LinksSnapshot? Snapshot, string? Note)> LinksAsync(DateTimeOffset since, CancellationToken ct)
    {
        if (console is null)
        {
            return (null, "No lab console (--console none): no relays or flow records; cost from request + response bytes.");
        }

        var path = $"/api/links?since={Uri.EscapeDataString(since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}";
        try
        {
            using var response = await SendAsync(console, HttpMethod.Get, path, null, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var why = response.StatusCode switch
                {
                    HttpStatusCode.NotFound => $"404: {console} has no /api/links (is --console the lab console?)",
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"{(int)response.StatusCode}: the API key was refused; pass --api-key or set {CompareArguments.ApiKeyVariable}",
                    _ => $"{(int)response.StatusCode} {response.ReasonPhrase}",
                };
                return (null, $"No relays or flow records: GET {path} answered {why}.");
            }

            var snapshot = await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), LinksFeedJson.Default.LinksSnapshot, ct).ConfigureAwait(false);
            return (snapshot, null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (null, $"No relays or flow records: GET {console}{path.TrimStart('/')} failed: {e.Message}");
        }
    }

    /// <summary>Posts the run; null when the lab console took it (or there is none), else a note.</summary>
    public async Task<string?> PostRunAsync(CompareRun run, CancellationToken ct)
    {
        if (console is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(run, LinkCompareJson.Default.CompareRun);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await SendAsync(console, HttpMethod.Post, "/api/links/runs", content, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return $"The lab console did not keep the run: POST /api/links/runs answered {(int)response.StatusCode} {Trim(body)}.";
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return $"The lab console did not keep the run: POST {console}api/links/runs failed: {e.Message}";
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri baseUrl, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        var response = await http.SendAsync(request, cts.Token).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cts.Token).ConfigureAwait(false);
        return response;
    }

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
