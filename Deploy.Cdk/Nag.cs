using System.Runtime.CompilerServices;
using Amazon.CDK;
using Constructs;

namespace TracingLab.Deploy;

/// <summary>
/// Records cdk-nag suppressions as CloudFormation metadata (<c>cdk_nag.rules_to_suppress</c>), the format cdk-nag
/// itself writes, so the npm harness that checks the synthesized templates honours them. Every suppression has a reason
/// about the one resource it is on; rules that report findings (IAM4, IAM5) are suppressed only for the findings named.
/// </summary>
public static class Nag
{
    private static readonly ConditionalWeakTable<CfnResource, Dictionary<string, (string Reason, string[] AppliesTo)>> Suppressions = new();

    /// <summary>Suppresses whole rules on <paramref name="construct"/> (a CfnResource, or an L2 whose default child is one).</summary>
    public static void Suppress(IConstruct construct, params (string Rule, string Reason)[] rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var (rule, reason) in rules)
        {
            Add(construct, rule, reason, []);
        }
    }

    /// <summary>
    /// Suppresses only the named findings of a rule, e.g. <c>Resource::*</c> of AwsSolutions-IAM5. A finding that starts
    /// with '/' is a regular expression (cdk-nag's <c>{ regex }</c> form), for ARNs that carry the stack's region.
    /// </summary>
    public static void SuppressFindings(IConstruct construct, string rule, string reason, params string[] appliesTo)
    {
        if (appliesTo is not { Length: > 0 })
        {
            throw new ArgumentException($"Suppressing findings of '{rule}' needs at least one finding.", nameof(appliesTo));
        }

        Add(construct, rule, reason, appliesTo);
    }

    private static void Add(IConstruct construct, string rule, string reason, string[] appliesTo)
    {
        ArgumentNullException.ThrowIfNull(construct);
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"'{construct.Node.Path}' is not a CloudFormation resource and has no default child resource.", nameof(construct));
        if (string.IsNullOrWhiteSpace(reason) || reason.Length < 10)
        {
            throw new ArgumentException($"Suppressing '{rule}' on '{construct.Node.Path}' needs a reason of at least 10 characters.", nameof(reason));
        }

        var merged = Suppressions.GetOrCreateValue(resource);
        merged[rule] = (reason, appliesTo);
        resource.AddMetadata("cdk_nag", new Dictionary<string, object>
        {
            ["rules_to_suppress"] = merged.Select(kv => (object)Entry(kv.Key, kv.Value.Reason, kv.Value.AppliesTo)).ToArray(),
        });
    }

    private static Dictionary<string, object> Entry(string rule, string reason, string[] appliesTo)
    {
        var entry = new Dictionary<string, object> { ["id"] = rule, ["reason"] = reason };
        if (appliesTo.Length > 0)
        {
            entry["applies_to"] = appliesTo
                .Select(a => a.StartsWith('/') ? (object)new Dictionary<string, object> { ["regex"] = a } : a)
                .ToArray();
        }

        return entry;
    }
}
