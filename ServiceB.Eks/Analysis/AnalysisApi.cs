using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenTelemetry;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceDefaults.Contracts;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.Contracts.Text;

namespace TracingLab.ServiceB.Analysis;

/// <summary>Order analysis: scores an order, reading item details from servicec.</summary>
public static class AnalysisApi
{
    internal static readonly ActivitySource Source = new("TracingLab.ServiceB");

    /// <summary>Registers the analysis services and servicec's client (a leaf callee).</summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<ServiceCClient>().WithLabTimeouts(downstreamDepth: 0);
        return builder;
    }

    /// <summary>Maps <c>/analysis</c>.</summary>
    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/analysis/orders", AnalyzeAsync);
        return app;
    }

    internal static async Task<Results<Ok<OrderAnalysis>, ValidationProblem, ProblemHttpResult>> AnalyzeAsync(
        AnalysisRequest request, ServiceCClient servicec, CancellationToken ct)
    {
        if (OrderLines.Validate(request.Lines) is { } invalid)
        {
            return invalid;
        }

        var link = servicec.Choose(Baggage.GetBaggage(LabAttributes.Link));
        if (!link.IsAccepted)
        {
            return TypedResults.Problem(link.Error, statusCode: StatusCodes.Status400BadRequest, title: "Unknown link");
        }

        using var activity = Source.StartActivity("score order");
        var lines = new List<LineAnalysis>();
        foreach (var line in request.Lines!)
        {
            var stock = await servicec.GetStockAsync(link, line.Sku, ct);
            if (!stock.Succeeded)
            {
                activity?.SetStatus(ActivityStatusCode.Error, stock.Error);
                return stock.Status == StatusCodes.Status404NotFound
                    ? TypedResults.Problem($"No item has sku {Quoted.Value(line.Sku)}.", statusCode: 404, title: "Unknown sku")
                    : TypedResults.Problem(stock.Error, statusCode: StatusCodes.Status502BadGateway, title: "servicec failed");
            }

            lines.Add(new LineAnalysis(line.Sku, line.Quantity, stock.Body!.Available, stock.Body.UnitPrice * line.Quantity));
        }

        var analysis = OrderScorer.Score(lines);
        activity?.SetTag("analysis.score", analysis.Score);
        activity?.SetTag("analysis.decision", analysis.Decision);
        return TypedResults.Ok(analysis);
    }
}
