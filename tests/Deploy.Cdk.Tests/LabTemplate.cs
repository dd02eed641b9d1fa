using System.Text.Json;

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
