using System.Text.Json.Nodes;
using TracingLab.LabConsole.Api;
using TracingLab.AspireTelemetry;
using TracingLab.XRay.Compare;
using TracingLab.XRay.Import;
using TracingLab.XRay.Spans;

namespace TracingLab.LabConsole.XRay;

/// <summary>
/// The X-Ray endpoints, behind the x-api-key check (open with AllowAnonymous): a trace of the Aspire dashboard as
/// segment documents, import of `aws xray` output, the imported traces, and the comparison.
/// </summary>
public static class XRayApi
{
    /// <summary>Largest import body; batch-get-traces output of a few thousand traces fits easily.</summary>
    public const int MaxImportBytes = 32 * 1024 * 1024;

    /// <summary>How many imports the list checks against the dashboard for a local copy; older ones say null.</summary>
    public const int MaxLocalChecks = 50;

    public static IServiceCollection AddLabConsoleXRay(this IServiceCollection services)
    {
        services.AddSingleton<XRayImportStore>();
        services.AddTransient<LocalXRay>();
        return services;
    }

    public static IEndpointRouteBuilder MapXRayApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var xray = Secured(endpoints.MapGroup("/api/xray"));
        xray.MapGet("/traces/{traceId}", GetTraceDocumentsAsync);
        xray.MapGet("/traces/{traceId}/spans", GetTraceSpansAsync);
        xray.MapPost("/import", ImportAsync);
        xray.MapGet("/traces", ListImportsAsync);
        Secured(endpoints.MapGroup("/api/compare")).MapGet("/{traceId}", CompareAsync);
        return endpoints;
    }

    private static RouteGroupBuilder Secured(RouteGroupBuilder group) =>
        group.AddEndpointFilter<ApiKeyFilter>().AddEndpointFilter<UpstreamProblemFilter>().AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> GetTraceDocumentsAsync(HttpContext context, string traceId, LocalXRay xray)
    {
        var q = new ApiQuery(context.Request);
        var id = q.TraceId("traceId", traceId);
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        if (await xray.TranslateAsync(id!.Value, context.RequestAborted).ConfigureAwait(false) is not { } local)
        {
            return NotFound("Trace not found", $"neither the console's OTLP intake nor the Aspire dashboard holds trace {traceId} (W3C id {id.Value.ToHex()})");
        }

        return Json(XRayJson.Documents(local));
    }

    /// <summary>The header that says where a local trace came from: <c>intake</c> (types kept) or <c>aspire-dashboard</c> (every value a string).</summary>
    public const string SourceHeader = "x-lab-trace-source";

    /// <summary>The "OTLP endpoint / Transaction Search" view: the <c>aws/spans</c> records of the trace (<see cref="AwsSpanRecords"/>).</summary>
    private static async Task<IResult> GetTraceSpansAsync(HttpContext context, string traceId, LocalXRay xray)
    {
        var q = new ApiQuery(context.Request);
        var id = q.TraceId("traceId", traceId);
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        var (local, source) = await xray.GetAsync(id!.Value, context.RequestAborted).ConfigureAwait(false);
        if (local is null)
        {
            return NotFound("Trace not found", $"neither the console's OTLP intake nor the Aspire dashboard holds trace {traceId} (W3C id {id.Value.ToHex()})");
        }

        context.Response.Headers[SourceHeader] = source == LocalTraceSource.Intake ? "intake" : "aspire-dashboard";
        return Results.Text(AwsSpanRecords.Write(id.Value.ToHex(), local.ResourceSpans), "application/json");
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
                    extensions: new Dictionary<string, object?> { ["path"] = refusal.Value.Path, ["expected"] = XRayImporter.Expected })
                : Results.Problem(statusCode: refusal.Value.Status, title: "X-Ray import refused", detail: refusal.Value.Message);
        }

        return Json(new JsonObject
        {
            ["format"] = XRayImporter.Label(result!.Format),
            ["traces"] = result.Traces.Count,
            ["summaries"] = result.Summaries.Count,
            ["traceIds"] = new JsonArray([.. result.Traces.Select(t => (JsonNode?)t.Id).Concat(result.Summaries.Select(x => (JsonNode?)x.Id)).Distinct()]),
            ["unprocessedTraceIds"] = new JsonArray([.. result.UnprocessedTraceIds.Select(u => (JsonNode?)u)]),
        });
    }

    private static async Task<IResult> ListImportsAsync(HttpContext context, XRayImportStore imports, AspireTelemetryClient telemetry)
    {
        var list = imports.List();
        var local = await LocalCopies.CheckAsync(list.Take(MaxLocalChecks).Select(t => t.Trace.Id), telemetry, context.RequestAborted).ConfigureAwait(false);
        var array = new JsonArray();
        foreach (var t in list)
        {
            array.Add(new JsonObject
            {
                ["id"] = t.Trace.Id,
                ["origin"] = ImportedXRayTrace.Origin,
                ["source"] = t.Source,
                ["format"] = XRayImporter.Label(t.Format),
                ["importedAt"] = t.ImportedAt.ToString("O"),
                ["duration"] = t.Trace.Duration,
                ["segments"] = t.Trace.AllSegments().Count(),
                ["names"] = new JsonArray([.. t.Trace.Segments.Select(x => x.Name).Distinct().Select(n => (JsonNode?)n)]),
                ["hasSummary"] = t.Summary is not null,
                ["storedLocally"] = local.TryGetValue(t.Trace.Id, out var held) ? held : null,
            });
        }

        return Json(new JsonObject { ["data"] = array, ["totalCount"] = array.Count });
    }

    private static async Task<IResult> CompareAsync(HttpContext context, string traceId, LocalXRay xray)
    {
        var q = new ApiQuery(context.Request);
        var id = q.TraceId("traceId", traceId);
        var maxDelta = q.Double("maxTimingDeltaMs");
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        var tolerances = maxDelta is { } d ? new CompareTolerances { MaxTimingDeltaMs = d } : null;
        var (report, missing) = await xray.CompareAsync(id!.Value, tolerances, context.RequestAborted).ConfigureAwait(false);
        return report is null ? NotFound("Trace not comparable", missing!) : Results.Text(report.ToJson(), "application/json");
    }

    private static IResult NotFound(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(XRayJson.Options), "application/json");
}
