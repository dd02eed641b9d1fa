using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TracingLab.AppHost.Lab;

/// <summary>
/// A service's <c>/health</c>, polled every 50 ms within one check until it answers 200. Aspire starts checking when
/// the process runs and, after a failed check, waits 1 s, then 2 s, then 3 s…; the service needs about a second to
/// listen, so a single-shot check would report it healthy (and the lab up) 1–3 s later than it answers.
/// </summary>
internal sealed class ReadinessCheck(IHttpClientFactory clients, Uri health) : IHealthCheck
{
    /// <summary>How long one check may wait for the service to answer.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var client = clients.CreateClient(nameof(ReadinessCheck));
        client.Timeout = TimeSpan.FromSeconds(5);
        string last = "no answer yet";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return HealthCheckResult.Healthy($"{health} answered {(int)response.StatusCode}");
                }

                last = $"{health} answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = $"{health}: {e.Message}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = $"{health}: no answer within {client.Timeout.TotalSeconds:0} s";
            }

            try
            {
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return HealthCheckResult.Unhealthy(last);
    }
}
