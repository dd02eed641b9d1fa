using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceA.Orders;
using TracingLab.ServiceDefaults.Lab;

namespace TracingLab.ServiceA.Lab;

/// <summary>
/// <c>GET /lab/hops?via={link}</c>: one request that crosses A→B, B→C and A→C over the chosen link and reports, per hop,
/// the address, x-forwarded-for and trace id the callee saw, its status and how long it took.
/// </summary>
public static class LabProbeApi
{
    /// <summary>Maps <c>/lab/echo</c> and <c>/lab/hops</c>.</summary>
    public static IEndpointRouteBuilder MapLabProbe(this IEndpointRouteBuilder app)
    {
        app.MapLabEcho("servicea");
        app.MapGet("/lab/hops", HopsAsync);
        return app;
    }

    internal static async Task<Results<Ok<HopsReport>, ProblemHttpResult>> HopsAsync(
        string? via, ServiceBClient serviceb, ServiceCClient servicec, CancellationToken ct)
    {
        var toB = serviceb.Choose(via);
        var toC = servicec.Choose(via);
        if (!toB.IsAccepted || !toC.IsAccepted)
        {
            var refused = toB.IsAccepted ? toC : toB;
            return TypedResults.Problem(
                refused.Error, statusCode: StatusCodes.Status400BadRequest, title: "Unknown link",
                extensions: new Dictionary<string, object?> { ["link"] = refused.Link, ["enabledLinks"] = refused.EnabledLinks });
        }

        var traceId = Activity.Current is { } activity ? XRayTraceId.From(activity.TraceId).ToXRay() : "none";
        var hops = new List<HopReport>();

        var relay = await serviceb.HopsAsync(toB, ct);
        // A failing serviceb still says what it saw and how its own hop went, in its problem's extensions.
        var seenByB = relay.Body?.Seen ?? Extension<EchoReport>(relay.Problem, "seen");
        hops.Add(new HopReport(
            "servicea", ServiceBClient.Provider, toB.Link, seenByB?.RemoteAddress, seenByB?.ForwardedFor, seenByB?.TraceId, relay.Status, relay.ElapsedMs, relay.Error));
        hops.AddRange(relay.Body?.Hops ?? Extension<List<HopReport>>(relay.Problem, "hops") ?? []);

        var echo = await servicec.EchoAsync(toC, ct);
        hops.Add(new HopReport(
            "servicea", ServiceCClient.Provider, toC.Link, echo.Body?.RemoteAddress, echo.Body?.ForwardedFor, echo.Body?.TraceId, echo.Status, echo.ElapsedMs, echo.Error));

        var report = new HopsReport(traceId, toB.Link, hops);
        if (relay.Succeeded && echo.Succeeded)
        {
            return TypedResults.Ok(report);
        }

        return TypedResults.Problem(
            string.Join(" ", hops.Where(h => h.Error is not null).Select(h => $"{h.From}→{h.To}: {h.Error}")),
            statusCode: StatusCodes.Status502BadGateway, title: "A hop failed",
            extensions: new Dictionary<string, object?> { ["traceId"] = report.TraceId, ["link"] = report.Link, ["hops"] = report.Hops });
    }

    // Problem extensions arrive as JSON elements; a malformed one is ignored rather than failing the probe's answer.
    private static T? Extension<T>(ProblemDetails? problem, string name)
        where T : class
    {
        if (problem?.Extensions.TryGetValue(name, out var value) != true || value is not JsonElement { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json)
        {
            return null;
        }

        try
        {
            return json.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
