using System.Text.RegularExpressions;

namespace TracingLab.Deploy.Configuration;

/// <summary>
/// Reads <c>azIds</c>: the AZ ids (not names) every VPC uses. Names such as <c>us-east-1a</c> map to different zones in
/// each account; ids do not, and EKS refuses control-plane subnets in a few of them.
/// </summary>
public static partial class AvailabilityZoneIds
{
    /// <summary>
    /// AZ ids where EKS cannot create a cluster (its subnets there are refused with UnsupportedAvailabilityZoneException),
    /// as listed in the EKS user guide, "Amazon EKS VPC and subnet requirements" (docs.aws.amazon.com/eks/latest/userguide/network_reqs.html).
    /// </summary>
    public static IReadOnlyList<string> EksUnsupported { get; } = ["use1-az3", "usw1-az2", "cac1-az3"];

    /// <summary>The AZ id prefix of the regions the lab has defaults for (<c>aws ec2 describe-availability-zones</c>).</summary>
    public static IReadOnlyDictionary<string, string> Prefixes { get; } = new Dictionary<string, string>
    {
        ["us-east-1"] = "use1", ["us-east-2"] = "use2", ["us-west-2"] = "usw2", ["eu-west-1"] = "euw1",
        ["eu-west-2"] = "euw2", ["eu-west-3"] = "euw3", ["eu-central-1"] = "euc1",
    };

    /// <summary>Reads the ids, or defaults to the region's first EKS-supported ids.</summary>
    /// <param name="raw">The context value (comma list or JSON array), or null.</param>
    /// <param name="count">The <c>azs</c> value when given, else null (then the id count decides, default 2).</param>
    public static IReadOnlyList<string> Read(object? raw, int? count, string region, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Prefixes.TryGetValue(region, out var prefix);
        if (raw is null)
        {
            if (prefix is null)
            {
                errors.Add($"'{LabContext.AzIdsKey}' is not set and '{LabContext.RegionKey}' '{region}' has no default; allowed: 2 or 3 " +
                           $"EKS-supported AZ ids of {region} (aws ec2 describe-availability-zones --region {region} --query 'AvailabilityZones[].ZoneId').");
                return [];
            }

            return Enumerable.Range(1, 6).Select(n => $"{prefix}-az{n}").Except(EksUnsupported).Take(count ?? 2).ToList();
        }

        var text = raw is string s ? s : string.Join(",", ((System.Collections.IEnumerable)raw).Cast<object>());
        var ids = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var id in ids.Where(i => !IdPattern().IsMatch(i)))
        {
            errors.Add($"'{LabContext.AzIdsKey}' has '{id}'; allowed: AZ ids such as use1-az1 (ids, not names like {region}a).");
        }

        foreach (var id in ids.Where(i => prefix is not null && IdPattern().IsMatch(i) && !i.StartsWith(prefix + "-", StringComparison.Ordinal)))
        {
            errors.Add($"'{LabContext.AzIdsKey}' has '{id}', which is not in '{LabContext.RegionKey}' {region}; allowed: ids starting with {prefix}-.");
        }

        foreach (var id in ids.Intersect(EksUnsupported))
        {
            errors.Add($"'{LabContext.AzIdsKey}' has '{id}', where EKS cannot create a cluster; allowed: any other AZ id of {region}.");
        }

        if (ids.Count is < 2 or > 3 || ids.Distinct().Count() != ids.Count || (count is { } n && n != ids.Count))
        {
            errors.Add($"'{LabContext.AzIdsKey}' is '{text}'; allowed: 2 or 3 distinct AZ ids" +
                       (count is { } c ? $", as many as '{LabContext.AzsKey}' ({c})." : "."));
        }

        return ids;
    }

    [GeneratedRegex("^[a-z]{2,5}[0-9]-az[0-9]{1,2}$")]
    private static partial Regex IdPattern();
}
