using System.Globalization;
using System.Text.Json;
using TracingLab.Contracts.LinksFeed;
using TracingLab.LabConsole.Api;
using TracingLab.LinkCompare.Faults;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LabConsole.Links;

/// <summary>
/// The link endpoints, behind the x-api-key check (open with AllowAnonymous): the relays and their flow records from
/// the AppHost's links feed, the live per-hop figures, and the link-comparison runs the compare command posts.
/// </summary>
public static class LinksApi
{
    /// <summary>Largest accepted run body. A run with three links, 100-point CDFs and 10,000 flow records is ~3 MB.</summary>
    public const int MaxRunBytes = 16 * 1024 * 1024;

    public static IServiceCollection AddLabConsoleLinks(this IServiceCollection services)
    {
        services.AddSingleton<CompareRunStore>();
        services.AddSingleton<LiveLinkFigures>();
        services.AddSingleton<FaultWindowTracker>();
        services.AddHostedService<FaultWindowWatch>();
        return services;
    }

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var links = endpoints.MapGroup("/api/links").AddEndpointFilter<ApiKeyFilter>().AddEndpointFilter<UpstreamProblemFilter>()
            .AllowAnonymous().DisableAntiforgery();
        links.MapGet("/", GetLinksAsync);
        links.MapGet("/hops", GetHops);
        links.MapGet("/runs", (CompareRunStore runs) => Results.Json(runs.Runs, LinkCompareJson.Default.IReadOnlyListCompareRun));
        links.MapGet("/runs/latest", (CompareRunStore runs) => runs.Latest is { } run
            ? Results.Json(run, LinkCompareJson.Default.CompareRun)
            : NotFound("No run yet", "no link-comparison run was posted; run the compare command (see README)"));
        links.MapGet("/runs/{runId}", (string runId, CompareRunStore runs) => runs.Find(runId) is { } run
            ? Results.Json(run, LinkCompareJson.Default.CompareRun)
            : NotFound("Run not found", $"no run '{runId}' is kept; the newest {CompareRunStore.Capacity} are"));
        links.MapPost("/runs", PostRunAsync);
        return endpoints;
    }

    private static async Task<IResult> GetLinksAsync(HttpContext context, LinksFeedClient feed)
    {
        var q = new ApiQuery(context.Request);
        var since = q.Time("since");
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        var snapshot = await feed.GetAsync(since, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(snapshot, LinksFeedJson.Default.LinksSnapshot);
    }

    private static IResult GetHops(HttpContext context, LiveLinkFigures figures)
    {
        var q = new ApiQuery(context.Request);
        var limit = q.Int("traces", LiveLinkFigures.DefaultTraces, 1, LiveLinkFigures.MaxTraces);
        if (q.Problem() is { } problem)
        {
            return problem;
        }

        return Results.Json(figures.Hops(limit), LinksJson.Default.IReadOnlyListLiveLinkHops);
    }

    private static async Task<IResult> PostRunAsync(HttpRequest request, CompareRunStore runs)
    {
        var (body, tooLarge) = await LimitedBody.ReadAsync(request, MaxRunBytes, "Run too large").ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        CompareRun? run;
        try
        {
            run = JsonSerializer.Deserialize(body.Span, LinkCompareJson.Default.CompareRun);
        }
        catch (JsonException e)
        {
            return BadRequest($"the body is not a link-comparison run: {e.Message} (path {e.Path ?? "$"})");
        }

        if (run is null)
        {
            return BadRequest("the body is JSON null; a link-comparison run (the compare command's run.json) is expected");
        }

        var errors = CompareRunValidator.Validate(run);
        if (errors.Count > 0)
        {
            return BadRequest(string.Join("; ", errors));
        }

        runs.Add(run);
        return Results.Created($"/api/links/runs/{Uri.EscapeDataString(run.RunId)}", new { run.RunId });
    }

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid link request", detail: detail);

    private static IResult NotFound(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
