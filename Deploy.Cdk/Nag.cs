using System.Runtime.CompilerServices;
using Amazon.CDK;
using Constructs;

namespace TracingLab.Deploy;

/// <summary>
/// Records cdk-nag suppressions as CloudFormation metadata (<c>cdk_nag.rules_to_suppress</c>), the format cdk-nag
/// itself writes, so the npm harness that checks the synthesized templates honours them. Every suppression has a reason.
/// </summary>
public static class Nag
{
    private static readonly ConditionalWeakTable<CfnResource, Dictionary<string, string>> Suppressions = new();

    /// <summary>Suppresses rules on <paramref name="construct"/> (a CfnResource, or an L2 whose default child is one).</summary>
    public static void Suppress(IConstruct construct, params (string Rule, string Reason)[] rules)
    {
        ArgumentNullException.ThrowIfNull(construct);
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"'{construct.Node.Path}' is not a CloudFormation resource and has no default child resource.", nameof(construct));

        var merged = Suppressions.GetOrCreateValue(resource);
        foreach (var (rule, reason) in rules)
        {
            if (string.IsNullOrWhiteSpace(reason) || reason.Length < 10)
            {
                throw new ArgumentException($"Suppressing '{rule}' on '{construct.Node.Path}' needs a reason of at least 10 characters.", nameof(rules));
            }

            merged[rule] = reason;
        }

        resource.AddMetadata("cdk_nag", new Dictionary<string, object>
        {
            ["rules_to_suppress"] = merged
                .Select(kv => (object)new Dictionary<string, object> { ["id"] = kv.Key, ["reason"] = kv.Value })
                .ToArray(),
        });
    }
}
