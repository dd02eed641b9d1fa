using System.Net;
using System.Text.Json;

namespace TracingLab.LinkCompare.Tool;

/// <summary>
/// One quick <c>/lab/hops</c> per link before the run: the target must answer, and every chosen link must be enabled
/// there. Problems become <see cref="UsageException"/>s (exit 2) naming the flag, the value and what is allowed.
/// Returns notes for links that answered but failed a hop (the run goes on: failures are part of what it measures).
/// </summary>
internal static class Preflight
{
    public static async Task<IReadOnlyList<string>> CheckAsync(HttpClient http, Uri target, IReadOnlyList<string> links, TimeSpan timeout, CancellationToken ct)
    {
        var notes = new List<string>();
        foreach (var link in links)
        {
            var uri = ProbeSender.ProbeUri(target, link);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            HttpStatusCode status;
            byte[] body;
            try
            {
                using var response = await http.GetAsync(uri, cts.Token).ConfigureAwait(false);
                status = response.StatusCode;
                body = await response.Content.ReadAsByteArrayAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                var why = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message;
                throw new UsageException($"--target: {target} is unreachable ({why} on GET {uri.PathAndQuery}); allowed: the base URL of a running service A, e.g. http://127.0.0.1:5101 for the local lab (start it with: dotnet run --project AppHost).");
            }

            var answer = ProbeSender.Read(body);
            if (status == HttpStatusCode.BadRequest)
            {
                var enabled = answer?.EnabledLinks is { Count: > 0 } e ? string.Join(", ", e) : "unknown";
                throw new UsageException($"--links: '{link}' is not enabled at {target} ({answer?.Detail ?? "400 Bad Request"}); enabled links there: {enabled}.");
            }

            if (status == HttpStatusCode.NotFound)
            {
                throw new UsageException($"--target: {target} answered 404 to GET {uri.PathAndQuery}; allowed: service A's base URL (the service that serves /lab/hops).");
            }

            if ((int)status >= 200 && (int)status < 300 && answer?.Hops is null)
            {
                throw new UsageException($"--target: {target} answered GET {uri.PathAndQuery} with {(int)status} but not a hops report; allowed: service A's base URL.");
            }

            if ((int)status >= 300)
            {
                notes.Add($"Preflight: {link} answered {(int)status} ({answer?.Detail ?? answer?.Title ?? "no detail"}); the run went on and counts such answers as errors.");
            }
        }

        return notes;
    }
}
