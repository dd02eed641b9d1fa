using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using TracingLab.Contracts.Telemetry;
using TracingLab.ServiceDefaults.Contracts;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.Contracts.Text;

namespace TracingLab.ServiceA.Orders;

/// <summary>Orders: ask serviceb for a score, reserve stock in servicec, keep the order.</summary>
public static class OrdersApi
{
    internal static readonly ActivitySource Source = new("TracingLab.ServiceA");

    /// <summary>Registers the order services and the clients of serviceb and servicec with nested budgets.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddHttpClient<ServiceBClient>().WithLabTimeouts(downstreamDepth: 1);
        builder.Services.AddHttpClient<ServiceCClient>().WithLabTimeouts(downstreamDepth: 0);
        return builder;
    }

    /// <summary>Maps <c>/orders</c>.</summary>
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/orders", CreateAsync);
        app.MapGet("/orders/{id}", Get);
        return app;
    }

    internal static Results<Ok<Order>, ProblemHttpResult> Get(string id, OrderStore store) =>
        store.Find(id) is { } order
            ? TypedResults.Ok(order)
            : TypedResults.Problem($"No order has id {Quoted.Value(id)}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown order");

    internal static async Task<Results<Created<Order>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOrderRequest request, string? via, ServiceBClient serviceb, ServiceCClient servicec, OrderStore store, TimeProvider time,
        CancellationToken ct)
    {
        if (OrderLines.Validate(request.Lines) is { } invalid)
        {
            return invalid;
        }

        var toB = serviceb.Choose(via);
        var toC = servicec.Choose(via);
        if (!toB.IsAccepted || !toC.IsAccepted)
        {
            return TypedResults.Problem(toB.Error ?? toC.Error, statusCode: StatusCodes.Status400BadRequest, title: "Unknown link");
        }

        var lines = request.Lines!.Select(l => l!).ToList();
        using var activity = Source.StartActivity("place order");
        var analysis = await serviceb.AnalyzeAsync(toB, lines, ct);
        if (!analysis.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, analysis.Error);
            return Relay(analysis.Status, analysis.Error, "serviceb");
        }

        if (analysis.Body!.Decision == "reject")
        {
            return TypedResults.Problem(
                $"serviceb scored the order {analysis.Body.Score} and rejected it: a line asks for more than is in stock.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Order rejected");
        }

        var orderId = Guid.NewGuid().ToString("n")[..12];
        var reservations = new List<Reservation>();
        foreach (var line in lines)
        {
            var reserved = await servicec.ReserveAsync(toC, line, orderId, ct);
            if (!reserved.Succeeded)
            {
                activity?.SetStatus(ActivityStatusCode.Error, reserved.Error);
                return Relay(reserved.Status, reserved.Error, "servicec");
            }

            reservations.Add(reserved.Body!);
        }

        var traceId = Activity.Current is { } current ? XRayTraceId.From(current.TraceId).ToXRay() : "none";
        var order = new Order(orderId, lines, analysis.Body, reservations, toB.Link, traceId, time.GetUtcNow());
        store.Add(order);
        activity?.SetTag("order.id", orderId);
        return TypedResults.Created($"/orders/{orderId}", order);
    }

    // A callee's 4xx is the client's problem and keeps its status; anything else is a bad gateway.
    private static ProblemHttpResult Relay(int status, string? detail, string provider) =>
        status is >= 400 and < 500
            ? TypedResults.Problem(detail, statusCode: status, title: $"{provider} refused the order")
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: $"{provider} failed");
}
