using System.Text.Json;
using System.Text.Json.Nodes;
using TracingLab.Dashboard.Api;
using TracingLab.Dashboard.Store;
using TracingLab.Dashboard.Ui;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Import;

namespace TracingLab.Dashboard.XRay;

/// <summary>
/// The X-Ray endpoints, behind the same x-api-key check as the telemetry API (off with --allow-anonymous):
/// a stored trace as segment documents, import of `aws xray` output, the imported traces, and the comparison.
/// </summary>
public static class XRayApi
{
    /// <summary>Largest import body; batch-get-traces output of a few thousand traces fits easily.</summary>
    public const int MaxImportBytes = 32 * 1024 * 1024;

    public static IServiceCollection AddDashboardXRay(this IServiceCollection services)
    {
        services.AddSingleton<XRayImportStore>();
        services.AddSingleton<LocalXRay>();
        return services;
    }

    /// <summary>Maps the endpoints and adds the X-Ray page to the navigation.</summary>
    public static IEndpointRouteBuilder MapXRayApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.ServiceProvider.GetRequiredService<NavRegistry>().Add(new NavItem("X-Ray", "xray", 60));
        // Like the telemetry API, ?run=<id> reads the local side from a past run of the history.
        Secured(endpoints.MapGroup("/api/telemetry")).MapGet("/traces/{traceId}/xray", GetTraceDocuments).AddEndpointFilter<RunSelectionFilter>();
        var xray = Secured(endpoints.MapGroup("/api/xray"));
        xray.MapPost("/import", ImportAsync);
        xray.MapGet("/traces", ListImports);
        Secured(endpoints.MapGroup("/api/compare")).MapGet("/{traceId}", Compare).AddEndpointFilter<RunSelectionFilter>();
        return endpoints;
    }

    private static RouteGroupBuilder Secured(RouteGroupBuilder group) =>
        group.AddEndpointFilter<ApiKeyFilter>().AllowAnonymous().DisableAntiforgery();

    private static IResult GetTraceDocuments(HttpContext context, string traceId, LocalXRay xray, TelemetryStore store)
    {
        var q = new ApiQuery(context.Request);
        var id = q.TraceId("traceId", traceId);
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        if (xray.Translate(RunSelectionFilter.StoreOf(context, store), id!.Value) is not { } local)
        {
            return NotFound("Trace not found", $"no trace {traceId} is stored");
        }

        return Json(XRayJson.Documents(local));
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, XRayImportStore imports)
    {
        var (body, tooLarge) = await LimitedBody.ReadAsync(request, MaxImportBytes, "Import too large").ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var source = request.Query.TryGetValue("source", out var s) && !string.IsNullOrWhiteSpace(s) ? s.ToString() : "POST /api/xray/import";
        var (result, refusal) = XRayImporter.Import(body, source, imports);
        if (refusal is not null)
        {
            return refusal.Value.Status == StatusCodes.Status400BadRequest
                ? Results.Problem(statusCode: refusal.Value.Status, title: "Invalid X-Ray import", detail: refusal.Value.Message,
                    extensions: new Dictionary<string, object?> { ["path"] = refusal.Value.Path })
                : Results.Problem(statusCode: refusal.Value.Status, title: "X-Ray import refused", detail: refusal.Value.Message);
        }

        return Json(new JsonObject
        {
            ["traces"] = result!.Traces.Count,
            ["summaries"] = result.Summaries.Count,
            ["traceIds"] = new JsonArray([.. result.Traces.Select(t => (JsonNode?)t.Id).Concat(result.Summaries.Select(x => (JsonNode?)x.Id)).Distinct()]),
            ["unprocessedTraceIds"] = new JsonArray([.. result.UnprocessedTraceIds.Select(u => (JsonNode?)u)]),
        });
    }

    private static IResult ListImports(XRayImportStore imports, TelemetryStore store)
    {
        var array = new JsonArray();
        foreach (var t in imports.List())
        {
            array.Add(new JsonObject
            {
                ["id"] = t.Trace.Id,
                ["origin"] = ImportedXRayTrace.Origin,
                ["source"] = t.Source,
                ["importedAt"] = t.ImportedAt.ToString("O"),
                ["duration"] = t.Trace.Duration,
                ["segments"] = t.Trace.AllSegments().Count(),
                ["names"] = new JsonArray([.. t.Trace.Segments.Select(x => x.Name).Distinct().Select(n => (JsonNode?)n)]),
                ["hasSummary"] = t.Summary is not null,
                ["storedLocally"] = TraceId.TryParse(t.Trace.Id, out var id) && store.GetTrace(id) is not null,
            });
        }

        return Json(new JsonObject { ["data"] = array, ["totalCount"] = array.Count });
    }

    private static IResult Compare(HttpContext context, string traceId, LocalXRay xray, TelemetryStore store)
    {
        var q = new ApiQuery(context.Request);
        var id = q.TraceId("traceId", traceId);
        var maxDelta = q.Double("maxTimingDeltaMs");
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        var tolerances = maxDelta is { } d ? new CompareTolerances { MaxTimingDeltaMs = d } : null;
        var (report, missing) = xray.Compare(RunSelectionFilter.StoreOf(context, store), id!.Value, tolerances);
        return report is null ? NotFound("Trace not comparable", missing!) : Results.Text(report.ToJson(), "application/json");
    }

    private static IResult NotFound(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(XRayJson.Options), "application/json");
}
