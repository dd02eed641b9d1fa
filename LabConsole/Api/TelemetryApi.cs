using System.Text.Json.Nodes;
using TracingLab.Dashboard.Otlp;
using TracingLab.Dashboard.Resources;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Api;

/// <summary>
/// The telemetry API on the UI port, with Aspire's paths and OTLP JSON bodies wrapped as
/// {"data": ..., "totalCount": n, "returnedCount": m}; behind x-api-key unless --allow-anonymous.
/// </summary>
public static class TelemetryApi
{
    /// <summary>The /api/telemetry group; other components add endpoints to it (they inherit the key check).</summary>
    public static RouteGroupBuilder MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/telemetry").AddEndpointFilter<ApiKeyFilter>().AllowAnonymous().DisableAntiforgery();
        api.MapGet("/resources", GetResources);
        // The read endpoints answer from the live run or, with ?run=<id>, from a run of the history.
        var runs = api.MapGroup("").AddEndpointFilter<RunSelectionFilter>();
        runs.MapGet("/traces", GetTraces);
        runs.MapGet("/traces/{traceId}", GetTrace);
        runs.MapGet("/traces/{traceId}/logs", (HttpContext context, string traceId, TelemetryStore store) => GetLogs(context, store, traceId));
        runs.MapGet("/spans", GetSpans);
        runs.MapGet("/logs", (HttpContext context, TelemetryStore store) => GetLogs(context, store, null));
        api.MapGet("/runs", (IServiceProvider services) =>
        {
            var history = services.GetService<Storage.RunHistory>();
            var runs = new JsonArray([.. (history?.ListRuns() ?? []).Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["startedAt"] = r.StartedAt.ToString("O"),
                ["current"] = r.IsCurrent,
            })]);
            return Json(runs);
        });
        runs.MapGet("/export", (HttpContext context, TelemetryStore store) => RunArchive.ExportAsync(RunSelectionFilter.StoreOf(context, store)));
        api.MapPost("/import", RunArchive.ImportAsync);
        return api;
    }

    private static IResult GetResources(ResourceCatalog catalog)
    {
        var array = new JsonArray();
        foreach (var view in catalog.GetResources())
        {
            var s = view.Snapshot;
            var env = new JsonObject();
            foreach (var (key, value) in s.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                env[key] = SecretMask.Display(key, value);
            }

            array.Add(new JsonObject
            {
                ["name"] = s.Name,
                ["type"] = s.Type,
                ["state"] = s.State,
                ["health"] = s.Health,
                ["urls"] = new JsonArray([.. s.Urls.Select(u => (JsonNode?)u)]),
                ["restartCount"] = s.RestartCount,
                ["processId"] = s.ProcessId,
                ["startedAt"] = s.StartedAt?.ToString("O"),
                ["environment"] = env,
                ["telemetry"] = view.Telemetry is not { } t ? null : new JsonObject
                {
                    ["traces"] = t.TraceCount,
                    ["spans"] = t.SpanCount,
                    ["logs"] = t.LogCount,
                    ["metricPoints"] = t.MetricPointCount,
                    ["evictedTraces"] = t.EvictedTraces,
                    ["evictedLogs"] = t.EvictedLogs,
                    ["evictedMetricPoints"] = t.EvictedMetricPoints,
                },
            });
        }

        return Json(array);
    }

    private static IResult GetTraces(HttpContext context, TelemetryStore store)
    {
        store = RunSelectionFilter.StoreOf(context, store);
        var q = new ApiQuery(context.Request);
        var query = new TraceQuery(
            q.String("resource"), q.String("link"), q.Bool("hasError"), q.Double("minDurationMs"), q.Double("maxDurationMs"),
            q.String("text"), q.Int("limit", 100, 1, 10_000));
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        if (query.Service is { } resource && !store.HasResource(resource))
        {
            return UnknownResource(resource);
        }

        var result = store.QueryTraces(query);
        var spans = result.Items.Select(t => store.GetTrace(t.Id)).OfType<TraceSnapshot>().SelectMany(t => t.Spans);
        return Wrapped(OtlpExport.ToTracesRequest(spans), result.Total, result.Items.Count);
    }

    private static IResult GetTrace(HttpContext context, string traceId, TelemetryStore store)
    {
        store = RunSelectionFilter.StoreOf(context, store);
        var q = new ApiQuery(context.Request);
        var id = q.TraceId("traceId", traceId);
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        var trace = store.GetTrace(id!.Value);
        if (trace is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Trace not found", detail: $"no trace {traceId} is stored");
        }

        return Wrapped(OtlpExport.ToTracesRequest(trace.Spans), trace.Spans.Count, trace.Spans.Count);
    }

    private static async Task<IResult> GetSpans(HttpContext context, TelemetryStore store)
    {
        store = RunSelectionFilter.StoreOf(context, store);
        var q = new ApiQuery(context.Request);
        var query = new SpanQuery(q.String("resource"), q.TraceId("traceId"), q.Bool("hasError"), q.Int("limit", 200, 1, 100_000));
        var follow = q.Bool("follow") ?? false;
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        if (query.Service is { } resource && !store.HasResource(resource))
        {
            return UnknownResource(resource);
        }

        if (follow)
        {
            await TelemetryStreams.FollowSpansAsync(context, store, query).ConfigureAwait(false);
            return Results.Empty;
        }

        var result = store.QuerySpans(query);
        return Wrapped(OtlpExport.ToTracesRequest(result.Items), result.Total, result.Items.Count);
    }

    private static async Task<IResult> GetLogs(HttpContext context, TelemetryStore store, string? pathTraceId)
    {
        store = RunSelectionFilter.StoreOf(context, store);
        var q = new ApiQuery(context.Request);
        var query = new LogQuery(
            q.String("resource"), q.TraceId("traceId", pathTraceId ?? q.String("traceId")), q.Severity("severity"), q.String("text"),
            q.Int("limit", 200, 1, 100_000));
        var follow = q.Bool("follow") ?? false;
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        if (query.Service is { } resource && !store.HasResource(resource))
        {
            return UnknownResource(resource);
        }

        if (follow)
        {
            await TelemetryStreams.FollowLogsAsync(context, store, query).ConfigureAwait(false);
            return Results.Empty;
        }

        var result = store.QueryLogs(query);
        return Wrapped(OtlpExport.ToLogsRequest(result.Items.Reverse()), result.Total, result.Items.Count);
    }

    private static IResult UnknownResource(string resource) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown resource", detail: $"resource '{resource}' has sent no telemetry");

    private static IResult Wrapped(Google.Protobuf.IMessage data, int total, int returned) => Json(new JsonObject
    {
        ["data"] = OtlpJson.ToNode(data),
        ["totalCount"] = total,
        ["returnedCount"] = returned,
    });

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");
}
