using System.Globalization;
using TracingLab.Dashboard.Storage;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Api;

/// <summary>
/// <c>?run=&lt;id&gt;</c> on the telemetry API's read endpoints: answer from a run of the history (<c>--storage</c>)
/// instead of the live run, as the UI's run selector does. Absent, <c>live</c> or the current run's id means the live
/// run. A bad id is a 400, an unknown one a 404 listing the kept runs; <c>follow=true</c> streams the live run only.
/// </summary>
internal sealed class RunSelectionFilter(IServiceProvider services) : IEndpointFilter
{
    public const string QueryName = "run";

    private static readonly object SelectedStoreKey = new();

    /// <summary>The store the request selected, or <paramref name="live"/>.</summary>
    public static TelemetryStore StoreOf(HttpContext context, TelemetryStore live) =>
        context.Items.TryGetValue(SelectedStoreKey, out var selected) && selected is TelemetryStore store ? store : live;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var text = http.Request.Query[QueryName].ToString();
        if (text.Length == 0 || text is "live" or "current")
        {
            return await next(context).ConfigureAwait(false);
        }

        if (services.GetService<RunHistory>() is not { } history)
        {
            return BadRequest($"run={text} needs the run history, which is off; start the dashboard with --storage <file>");
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var runId) || runId <= 0)
        {
            return BadRequest($"run='{text}' is not a run id; allowed: 'live' or a positive integer from GET /api/telemetry/runs");
        }

        if (string.Equals(http.Request.Query["follow"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest($"follow=true streams the live run only; drop run={text} or follow");
        }

        if (runId != history.CurrentRunId)
        {
            if (history.LoadRun(runId) is not { } store)
            {
                var kept = string.Join(", ", history.ListRuns().Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
                return Results.Problem(
                    statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"no run {runId} is kept; runs: {kept}");
            }

            http.Items[SelectedStoreKey] = store;
        }

        return await next(context).ConfigureAwait(false);
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: detail);
}
