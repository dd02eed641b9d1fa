using System.Text.Json;
using System.Text.Json.Nodes;

namespace TracingLab.Deploy.Tests;

/// <summary>Read-only helpers over a synthesized template for invariants that span many resources.</summary>
public sealed class LabTemplate(JsonElement root)
{
    public JsonElement Root { get; } = root;

    /// <summary>Resources of a type, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonElement> Resources(string type) =>
        Root.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .ToDictionary(r => r.Name, r => r.Value);

    /// <summary>All resources by logical id.</summary>
    public IReadOnlyDictionary<string, JsonElement> AllResources() =>
        Root.GetProperty("Resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);

    /// <summary>The properties of a resource, or an empty object.</summary>
    public static JsonElement Props(JsonElement resource) =>
        resource.TryGetProperty("Properties", out var p) ? p : JsonDocument.Parse("{}").RootElement;

    /// <summary>The logical id a <c>{"Ref": id}</c> or <c>{"Fn::GetAtt": [id, ...]}</c> points at, or the JSON text.</summary>
    public static string Target(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object when value.TryGetProperty("Ref", out var r) => r.GetString()!,
        JsonValueKind.Object when value.TryGetProperty("Fn::GetAtt", out var g) => g[0].GetString()!,
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    /// <summary>Every string leaf of a value, concatenated (turns an <c>Fn::Join</c> into readable text).</summary>
    public static string Flatten(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Concat(value.EnumerateArray().Select(Flatten)),
        JsonValueKind.Object => string.Concat(value.EnumerateObject().Select(p => Flatten(p.Value))),
        _ => value.GetRawText(),
    };

    /// <summary>String value of a property, or null.</summary>
    public static string? Str(JsonElement props, string name) =>
        props.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>
    /// The lab's template with a nested stack's resources folded in, as one account holds them: the nested template's
    /// <c>{"Ref": parameter}</c> become the parent's values for that parameter, and the parent's
    /// <c>{"Fn::GetAtt": [nested, "Outputs.X"]}</c> become the nested output's value. Logical ids of both stay as they are.
    /// </summary>
    public static LabTemplate Merge(JsonElement parent, JsonElement nested, string nestedLogicalId)
    {
        var root = JsonNode.Parse(parent.GetRawText())!.AsObject();
        var parentResources = root["Resources"]!.AsObject();
        var parameters = parentResources[nestedLogicalId]?["Properties"]?["Parameters"]?.AsObject()
            ?? throw new InvalidOperationException($"no nested stack resource {nestedLogicalId} with parameters");
        var child = JsonNode.Parse(nested.GetRawText())!.AsObject();
        JsonNode? FromParent(JsonNode? node) => Rewrite(node, o =>
            o.Count == 1 && o["Ref"] is JsonValue r && parameters[r.GetValue<string>()] is { } value ? value.DeepClone() : null);
        var outputs = child["Outputs"]?.AsObject() ?? [];
        foreach (var (id, resource) in child["Resources"]!.AsObject().ToList())
        {
            parentResources[id] = FromParent(resource);
        }

        foreach (var (id, resource) in parentResources.ToList())
        {
            parentResources[id] = Rewrite(resource, o =>
                o.Count == 1 && o["Fn::GetAtt"] is JsonArray g && g[0]!.GetValue<string>() == nestedLogicalId &&
                g[1]!.GetValue<string>() is { } attr && attr.StartsWith("Outputs.", StringComparison.Ordinal) &&
                outputs[attr["Outputs.".Length..]]?["Value"] is { } value
                    ? FromParent(value)
                    : null);
        }

        using var doc = JsonDocument.Parse(root.ToJsonString());
        return new LabTemplate(doc.RootElement.Clone());
    }

    // Copies a JSON tree, replacing every object the rule rewrites (a non-null answer).
    private static JsonNode? Rewrite(JsonNode? node, Func<JsonObject, JsonNode?> rule) => node switch
    {
        JsonObject o when rule(o) is { } replaced => replaced,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Rewrite(p.Value, rule)))),
        JsonArray a => new JsonArray(a.Select(e => Rewrite(e, rule)).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>Every ingress rule in the template: inline ones on security groups and standalone ones.</summary>
    public IEnumerable<(string Owner, JsonElement Rule)> IngressRules()
    {
        foreach (var (id, sg) in Resources("AWS::EC2::SecurityGroup"))
        {
            if (Props(sg).TryGetProperty("SecurityGroupIngress", out var rules))
            {
                foreach (var rule in rules.EnumerateArray())
                {
                    yield return (id, rule);
                }
            }
        }

        foreach (var (_, rule) in Resources("AWS::EC2::SecurityGroupIngress"))
        {
            var props = Props(rule);
            yield return (Target(props.GetProperty("GroupId")), props);
        }
    }
}
