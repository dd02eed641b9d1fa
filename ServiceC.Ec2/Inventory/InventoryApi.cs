using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using TracingLab.Contracts.Text;

namespace TracingLab.ServiceC.Inventory;

/// <summary>Inventory endpoints: read stock, reserve stock.</summary>
public static class InventoryApi
{
    /// <summary>The largest quantity one reservation may hold.</summary>
    public const int MaxQuantity = 100;

    internal static readonly ActivitySource Source = new("TracingLab.ServiceC");

    /// <summary>Registers the inventory's services.</summary>
    public static IHostApplicationBuilder AddInventory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InventoryStore>();
        return builder;
    }

    /// <summary>Maps <c>/inventory</c>.</summary>
    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        var inventory = app.MapGroup("/inventory");
        inventory.MapGet("/", (InventoryStore store) => TypedResults.Ok(store.All()));
        inventory.MapGet("/{sku}", GetStock);
        inventory.MapPost("/{sku}/reservations", Reserve);
        return app;
    }

    internal static Results<Ok<StockLevel>, ProblemHttpResult> GetStock(string sku, InventoryStore store) =>
        store.Find(sku) is { } stock ? TypedResults.Ok(stock) : UnknownSku(sku);

    internal static Results<Created<Reservation>, ValidationProblem, ProblemHttpResult> Reserve(
        string sku, ReservationRequest request, InventoryStore store)
    {
        if (request.Quantity is < 1 or > MaxQuantity)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>
                {
                    ["quantity"] = [$"quantity is {request.Quantity}; allowed: 1 to {MaxQuantity}."],
                },
                title: "Invalid reservation");
        }

        using var activity = Source.StartActivity("reserve stock");
        activity?.SetTag("inventory.sku", sku);
        activity?.SetTag("inventory.quantity", request.Quantity);
        var outcome = store.Reserve(sku, request.Quantity, request.OrderId);
        if (outcome is null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "unknown sku");
            return UnknownSku(sku);
        }

        if (outcome.Reservation is null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "insufficient stock");
            return TypedResults.Problem(
                $"{sku} has {outcome.Stock.Available} available; {request.Quantity} requested.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Insufficient stock");
        }

        return TypedResults.Created($"/inventory/{outcome.Reservation.Sku}/reservations/{outcome.Reservation.Id}", outcome.Reservation);
    }

    private static ProblemHttpResult UnknownSku(string sku) =>
        TypedResults.Problem($"No item has sku {Quoted.Value(sku)}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown sku");
}
