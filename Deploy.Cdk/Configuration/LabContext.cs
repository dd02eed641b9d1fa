using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TracingLab.Deploy.Configuration;

/// <summary>
/// Reads and validates the CDK context keys once. Every problem is collected, so one run reports them all.
/// </summary>
public static partial class LabContext
{
    public const string LinksKey = "links";
    public const string RegionKey = "region";
    public const string AzsKey = "azs";
    public const string CidrAKey = "cidrA";
    public const string CidrBKey = "cidrB";
    public const string CidrCKey = "cidrC";
    public const string NatGatewaysKey = "natGateways";
    public const string ImageTagKey = "imageTag";
    public const string AllowedIngressCidrsKey = "allowedIngressCidrs";
    public const string AlarmEmailKey = "alarmEmail";
    public const string EksAdminArnKey = "eksAdminArn";
    public const string AzIdsKey = "azIds";
    public const string S3PrefixListIdKey = "s3PrefixListId";
    public const string TraceExportKey = "traceExport";
    public const string TraceIndexPercentKey = "traceIndexPercent";

    /// <summary>
    /// Share of spans Transaction Search indexes as X-Ray trace summaries when <c>traceIndexPercent</c> is not given:
    /// 1 %, the share AWS indexes at no charge (CloudWatch docs, "Enable Transaction Search").
    /// </summary>
    public const double DefaultTraceIndexPercent = 1;

    /// <summary>Longest part of a bad value repeated in an error message.</summary>
    private const int MaxEchoed = 64;

    /// <summary>
    /// Ids of the AWS-managed S3 prefix list (com.amazonaws.{region}.s3) where the lab knows them; elsewhere
    /// <c>s3PrefixListId</c> is required (aws ec2 describe-managed-prefix-lists).
    /// </summary>
    public static IReadOnlyDictionary<string, string> KnownS3PrefixLists { get; } = new Dictionary<string, string>
    {
        ["us-east-1"] = "pl-63a5400a", ["us-west-2"] = "pl-68a54001", ["eu-west-1"] = "pl-6da54004",
    };

    /// <summary>Used when neither context nor <c>CDK_DEFAULT_REGION</c> names a region.</summary>
    public const string FallbackRegion = "us-east-1";

    private static readonly string AllowedLinks = string.Join(", ", LinkKinds.All.Select(l => l.Name()));

    /// <summary>Reads the context through <paramref name="get"/> (usually <c>app.Node.TryGetContext</c>).</summary>
    /// <param name="get">Returns the raw context value of a key, or null when absent.</param>
    /// <param name="defaultRegion">Region from the environment (the CLI's <c>CDK_DEFAULT_REGION</c>), if any.</param>
    /// <param name="account">Account from the environment (<c>CDK_DEFAULT_ACCOUNT</c>), if any.</param>
    /// <param name="buildTag">The image tag the build derives (the git commit), used when <c>imageTag</c> is not given.</param>
    /// <exception cref="LabContextException">Any key is invalid.</exception>
    public static LabSettings Read(Func<string, object?> get, string? defaultRegion = null, string? account = null, string? buildTag = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        var errors = new List<string>();

        var links = ReadLinks(get(LinksKey), errors);
        var region = ReadRegion(get(RegionKey), defaultRegion, errors);
        var azsGiven = get(AzsKey) is not null;
        var azs = ReadInt(get(AzsKey), AzsKey, 2, [2, 3], errors);
        var cidrA = ReadVpcCidr(get(CidrAKey), CidrAKey, "10.10.0.0/16", errors);
        var cidrB = ReadVpcCidr(get(CidrBKey), CidrBKey, "10.20.0.0/16", errors);
        var cidrC = ReadVpcCidr(get(CidrCKey), CidrCKey, "10.30.0.0/16", errors);
        var nat = ReadInt(get(NatGatewaysKey), NatGatewaysKey, 0, [0, 1, 2, 3], errors);
        if (nat > azs && azs > 0)
        {
            errors.Add($"'{NatGatewaysKey}' is {nat} but '{AzsKey}' is {azs}; allowed: 0 to {azs} (at most one NAT gateway per AZ).");
        }

        var azIds = AvailabilityZoneIds.Read(get(AzIdsKey), azsGiven ? azs : null, region, errors);
        var s3PrefixList = ReadS3PrefixList(get(S3PrefixListIdKey), region, errors);
        var imageTag = ReadImageTag(get(ImageTagKey), buildTag, errors);
        var ingress = ReadIngressCidrs(get(AllowedIngressCidrsKey), errors);
        var email = ReadEmail(get(AlarmEmailKey), errors);
        var eksAdmin = ReadPrincipalArn(get(EksAdminArnKey), errors);
        var traceExport = ReadTraceExport(get(TraceExportKey), errors);
        var indexPercent = ReadIndexPercent(get(TraceIndexPercentKey), errors);

        if (cidrA is { } a && cidrB is { } b && cidrC is { } c && links.Any(l => l.IsRouted()))
        {
            var routed = string.Join(" and ", links.Where(l => l.IsRouted()).Select(l => l.Name()));
            foreach (var (k1, c1, k2, c2) in new[] { (CidrAKey, a, CidrBKey, b), (CidrAKey, a, CidrCKey, c), (CidrBKey, b, CidrCKey, c) })
            {
                if (c1.Overlaps(c2))
                {
                    errors.Add($"'{k1}' {c1} overlaps '{k2}' {c2}, which {routed} cannot route; " +
                               $"allowed: non-overlapping CIDRs, or only links that need no routes ({string.Join(", ", LinkKinds.All.Where(l => !l.IsRouted()).Select(l => l.Name()))}).");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new LabContextException(errors);
        }

        return new LabSettings
        {
            Links = links,
            Region = region,
            Account = string.IsNullOrWhiteSpace(account) ? null : account,
            AzIds = azIds,
            S3PrefixListId = s3PrefixList,
            CidrA = cidrA!.Value,
            CidrB = cidrB!.Value,
            CidrC = cidrC!.Value,
            NatGateways = nat,
            ImageTag = imageTag,
            AllowedIngressCidrs = ingress,
            AlarmEmail = email,
            EksAdminArn = eksAdmin,
            TraceExport = traceExport,
            TraceIndexPercent = indexPercent,
        };
    }

    private static List<LinkKind> ReadLinks(object? raw, List<string> errors)
    {
        if (raw is null)
        {
            return [LinkKind.Peering];
        }

        var items = AsList(raw);
        var chosen = new HashSet<LinkKind>();
        foreach (var item in items)
        {
            if (item.Length == 0 || string.Equals(item, "none", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (LinkKinds.TryParse(item, out var link))
            {
                chosen.Add(link);
            }
            else
            {
                errors.Add($"'{LinksKey}' has '{item}' (value given: '{Describe(raw)}'); allowed: a comma-separated list of {AllowedLinks}, or none.");
            }
        }

        return LinkKinds.All.Where(chosen.Contains).ToList();
    }

    private static string ReadRegion(object? raw, string? fallback, List<string> errors)
    {
        var region = raw is null ? (string.IsNullOrWhiteSpace(fallback) ? FallbackRegion : fallback) : Describe(raw);
        if (!RegionPattern().IsMatch(region))
        {
            errors.Add($"'{RegionKey}' is '{region}'; allowed: an AWS region name such as us-east-1 or eu-west-3.");
        }

        return region;
    }

    private static int ReadInt(object? raw, string key, int defaultValue, int[] allowed, List<string> errors)
    {
        if (raw is null)
        {
            return defaultValue;
        }

        var text = Describe(raw);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && allowed.Contains(value))
        {
            return value;
        }

        errors.Add($"'{key}' is '{text}'; allowed: {string.Join(", ", allowed)}.");
        return defaultValue;
    }

    private static Ipv4Cidr? ReadVpcCidr(object? raw, string key, string defaultValue, List<string> errors)
    {
        var text = raw is null ? defaultValue : Describe(raw);
        if (!Ipv4Cidr.TryParse(text, out var cidr, out var why))
        {
            errors.Add($"'{key}' is '{text}', which {why}; allowed: a private IPv4 CIDR from /16 to /18.");
            return null;
        }

        if (cidr.PrefixLength is < 16 or > 18)
        {
            errors.Add($"'{key}' is '{text}'; allowed: a prefix from /16 to /18 (the subnet layout needs at least a /18).");
            return null;
        }

        return cidr;
    }

    private static string ReadImageTag(object? raw, string? buildTag, List<string> errors)
    {
        if (raw is null && string.IsNullOrWhiteSpace(buildTag))
        {
            errors.Add($"'{ImageTagKey}' is not set and no git commit was found to derive it from; allowed: the tag you pushed " +
                       "to the lab's ECR repositories, e.g. -c imageTag=$(git rev-parse --short=12 HEAD).");
            return "";
        }

        var tag = raw is null ? buildTag! : Describe(raw);
        if (!ImageTagPattern().IsMatch(tag))
        {
            errors.Add($"'{ImageTagKey}' is '{tag}'; allowed: 1-128 characters of letters, digits, '_', '.', '-', not starting with '.' or '-'.");
        }
        else if (MovingTags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            // The repositories are IMMUTABLE: a moving tag could be pushed once and never updated.
            errors.Add($"'{ImageTagKey}' is '{tag}'; allowed: a tag that names one build (e.g. the git commit), not {string.Join("/", MovingTags)}.");
        }

        return tag;
    }

    private static readonly string[] MovingTags = ["latest", "stable"];

    private static string ReadS3PrefixList(object? raw, string region, List<string> errors)
    {
        if (raw is null)
        {
            if (KnownS3PrefixLists.TryGetValue(region, out var known))
            {
                return known;
            }

            errors.Add($"'{S3PrefixListIdKey}' is not set and '{RegionKey}' '{region}' has no known S3 prefix list; allowed: the id from " +
                       $"aws ec2 describe-managed-prefix-lists --region {region} --filters Name=prefix-list-name,Values=com.amazonaws.{region}.s3.");
            return "";
        }

        var id = Describe(raw);
        if (!PrefixListPattern().IsMatch(id))
        {
            errors.Add($"'{S3PrefixListIdKey}' is '{id}'; allowed: a prefix list id such as pl-63a5400a.");
        }

        return id;
    }

    private static List<Ipv4Cidr> ReadIngressCidrs(object? raw, List<string> errors)
    {
        var result = new List<Ipv4Cidr>();
        if (raw is null)
        {
            return result;
        }

        foreach (var item in AsList(raw).Where(i => i.Length > 0))
        {
            if (!Ipv4Cidr.TryParse(item, out var cidr, out var why))
            {
                errors.Add($"'{AllowedIngressCidrsKey}' has '{item}', which {why}; allowed: a comma-separated list of IPv4 CIDRs.");
            }
            else if (cidr.PrefixLength < 8)
            {
                // The lab never opens anything to the internet at large (no 0.0.0.0/0 anywhere).
                errors.Add($"'{AllowedIngressCidrsKey}' has '{item}'; allowed: CIDRs of /8 or narrower (0.0.0.0/0 and other huge ranges are refused).");
            }
            else
            {
                result.Add(cidr);
            }
        }

        return result;
    }

    private static string? ReadEmail(object? raw, List<string> errors)
    {
        if (raw is null)
        {
            return null;
        }

        var email = Describe(raw);
        if (!EmailPattern().IsMatch(email))
        {
            errors.Add($"'{AlarmEmailKey}' is '{email}'; allowed: one email address such as ops@example.com.");
        }

        return email;
    }

    private static string? ReadPrincipalArn(object? raw, List<string> errors)
    {
        if (raw is null)
        {
            return null;
        }

        var arn = Describe(raw);
        if (!PrincipalArnPattern().IsMatch(arn))
        {
            errors.Add($"'{EksAdminArnKey}' is '{arn}'; allowed: an IAM role or user ARN such as arn:aws:iam::123456789012:role/Admin " +
                       "(not an sts assumed-role ARN).");
        }

        return arn;
    }

    private static TraceExport ReadTraceExport(object? raw, List<string> errors)
    {
        if (raw is null)
        {
            return TraceExport.Otlp;
        }

        var text = Describe(raw).Trim();
        if (TraceExports.TryParse(text, out var export))
        {
            return export;
        }

        errors.Add($"'{TraceExportKey}' is '{Bounded(text)}'; allowed: {string.Join(" or ", TraceExports.All.Select(e => e.Name()))} " +
                   "(otlp, the default: OTLP with SigV4 to the X-Ray OTLP endpoint and Transaction Search; awsxray: the collector's awsxray exporter).");
        return TraceExport.Otlp;
    }

    private static double ReadIndexPercent(object? raw, List<string> errors)
    {
        if (raw is null)
        {
            return DefaultTraceIndexPercent;
        }

        var text = Describe(raw).Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent) || percent is < 0 or > 100)
        {
            errors.Add($"'{TraceIndexPercentKey}' is '{Bounded(text)}'; allowed: a number from 0 to 100 " +
                       $"(percent of spans indexed as trace summaries; default {DefaultTraceIndexPercent.ToString(CultureInfo.InvariantCulture)}, the share AWS indexes free).");
            return DefaultTraceIndexPercent;
        }

        return percent;
    }

    private static string Bounded(string text) => text.Length <= MaxEchoed ? text : text[..MaxEchoed] + $"… ({text.Length} characters)";

    /// <summary>Context arrives as a string from <c>-c key=a,b</c> or as a JSON array from cdk.json.</summary>
    private static List<string> AsList(object raw) => raw switch
    {
        string s => s.Split(',', StringSplitOptions.TrimEntries).ToList(),
        IEnumerable e => e.Cast<object?>().Select(o => Describe(o).Trim()).ToList(),
        _ => [Describe(raw).Trim()],
    };

    private static string Describe(object? raw) => raw switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => string.Join(",", e.Cast<object?>().Select(Describe)),
        _ => raw.ToString() ?? "",
    };

    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^pl-[0-9a-f]{8,17}$")]
    private static partial Regex PrefixListPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ImageTagPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[A-Za-z0-9+=,.@_/-]+$")]
    private static partial Regex PrincipalArnPattern();

    [GeneratedRegex(@"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")]
    private static partial Regex EmailPattern();
}
