using TracingLab.Contracts.Telemetry;
using TracingLab.AspireTelemetry;

namespace TracingLab.LabConsole.XRay;

/// <summary>Which imported traces the Aspire dashboard also holds: one trace request each, a few at a time.</summary>
public static class LocalCopies
{
    private const int Parallelism = 4;

    /// <summary>Per X-Ray trace id, whether the dashboard holds it; an empty answer when the dashboard is unreachable.</summary>
    public static async Task<IReadOnlyDictionary<string, bool>> CheckAsync(IEnumerable<string> xrayIds, AspireTelemetryClient telemetry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var result = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        try
        {
            await Parallel.ForEachAsync(xrayIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (xrayId, token) =>
            {
                if (XRayTraceId.TryParse(xrayId, out var id))
                {
                    result[xrayId] = await telemetry.GetTraceAsync(id, token).ConfigureAwait(false) is not null;
                }
            }).ConfigureAwait(false);
        }
        catch (UpstreamException)
        {
            // The list of imports does not depend on the dashboard: without it, "held locally" is unknown (null).
            return new Dictionary<string, bool>();
        }

        return result;
    }
}
