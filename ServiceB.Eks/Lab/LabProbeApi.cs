using Microsoft.AspNetCore.Http.HttpResults;
using OpenTelemetry;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceB.Analysis;
using TracingLab.ServiceDefaults.Lab;

namespace TracingLab.ServiceB.Lab;

/// <summary>serviceb's part of <c>/lab/hops</c>: report what it saw of servicea, then call servicec over the same link.</summary>
public static class LabProbeApi
{
    /// <summary>Maps <c>/lab/echo</c> and <c>/lab/hops</c>.</summary>
    public static IEndpointRouteBuilder MapLabProbe(this IEndpointRouteBuilder app)
    {
        app.MapLabEcho("serviceb");
        app.MapGet("/lab/hops", HopsAsync);
        return app;
    }

    internal static async Task<Results<Ok<RelayReport>, ProblemHttpResult>> HopsAsync(
        HttpContext context, string? via, ServiceCClient servicec, CancellationToken ct)
    {
        var seen = LabProbeEndpoints.Echo(context, "serviceb");
        // servicea names the link in the query as well as in baggage: baggage is gone when OpenTelemetry is disabled.
        var link = servicec.Choose(via ?? Baggage.GetBaggage(LabAttributes.Link));
        if (!link.IsAccepted)
        {
            return TypedResults.Problem(link.Error, statusCode: StatusCodes.Status400BadRequest, title: "Unknown link");
        }

        var echo = await servicec.EchoAsync(link, ct);
        var hop = new HopReport("serviceb", ServiceCClient.Provider, link.Link, echo.Body?.RemoteAddress, echo.Body?.ForwardedFor, echo.Body?.TraceId, echo.Status, echo.ElapsedMs, echo.Error);
        if (!echo.Succeeded)
        {
            return TypedResults.Problem(
                echo.Error, statusCode: StatusCodes.Status502BadGateway, title: "servicec failed",
                extensions: new Dictionary<string, object?> { ["seen"] = seen, ["hops"] = new[] { hop } });
        }

        return TypedResults.Ok(new RelayReport(seen, [hop]));
    }
}
