using System.Text.Json;
using System.Text.RegularExpressions;

namespace TracingLab.Deploy.Tests.Reachability;

/// <summary>
/// Template values as comparable text: an <c>Fn::Join</c> or <c>Fn::Sub</c> flattened, pseudo parameters replaced by
/// the fixture's values (us-east-1, account 123456789012, partition aws), a <c>Ref</c> by its logical id. ARNs built
/// in different ways then compare as strings, and IAM wildcards match them.
/// </summary>
public static partial class Canonical
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    public static string Text(JsonElement value) => Text(LabTemplate.Flatten(value));

    public static string Text(string flattened) => SubVariable().Replace(flattened, "$1")
        .Replace("AWS::Partition", "aws", StringComparison.Ordinal)
        .Replace("AWS::Region", Region, StringComparison.Ordinal)
        .Replace("AWS::AccountId", Account, StringComparison.Ordinal)
        .Replace("AWS::URLSuffix", "amazonaws.com", StringComparison.Ordinal);

    /// <summary>IAM's wildcard match: <c>*</c> any run of characters, <c>?</c> one character.</summary>
    public static bool Matches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$");

    [GeneratedRegex(@"\$\{([A-Za-z0-9:.]+)\}")]
    private static partial Regex SubVariable();
}
