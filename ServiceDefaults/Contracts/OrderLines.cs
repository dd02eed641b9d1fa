using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TracingLab.ServiceDefaults.Contracts;

/// <summary>One line of an order, as servicea takes it and serviceb scores it.</summary>
public sealed record OrderLine(string Sku, int Quantity);

/// <summary>The rules an order's lines follow, shared by every service that accepts them.</summary>
public static class OrderLines
{
    /// <summary>The largest quantity a line may ask for.</summary>
    public const int MaxQuantity = 100;

    /// <summary>The most lines an order may have.</summary>
    public const int MaxLines = 20;

    /// <summary>Checks the lines; each error names the field, the value given and what is allowed.</summary>
    public static ValidationProblem? Validate(IReadOnlyList<OrderLine?>? lines)
    {
        var errors = new Dictionary<string, string[]>();
        if (lines is not { Count: > 0 and <= MaxLines })
        {
            errors["lines"] = [$"lines has {lines?.Count ?? 0} entries; allowed: 1 to {MaxLines}."];
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] is not { } line)
                {
                    errors[$"lines[{i}]"] = ["the line is null; an object with sku and quantity is required."];
                    continue;
                }

                if (string.IsNullOrWhiteSpace(line.Sku))
                {
                    errors[$"lines[{i}].sku"] = ["sku is empty; a sku such as SKU-1001 is required."];
                }

                if (line.Quantity is < 1 or > MaxQuantity)
                {
                    errors[$"lines[{i}].quantity"] = [$"quantity is {line.Quantity}; allowed: 1 to {MaxQuantity}."];
                }
            }
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "Invalid order");
    }
}
