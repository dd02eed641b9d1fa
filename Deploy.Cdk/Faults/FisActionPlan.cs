using System.Globalization;
using System.Text.Json;
using TracingLab.Contracts.Faults;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// How a lab fault becomes AWS FIS actions (docs/faults.md, "In AWS", has the table and the why). Pure: decided at synthesis
/// from the fault and the resolved <see cref="FisTargets"/>. Action ids and parameters are the FIS actions reference's.
/// </summary>
public static class FisActionPlan
{
    public const string ServiceATasks = "ServiceATasks";
    public const string ServiceBPods = "ServiceBPods";
    public const string ServiceCInstances = "ServiceCInstances";

    /// <summary>The kinds FIS has an action for on every link; reset and bandwidth have none (no TCP reset or rate-cap action).</summary>
    public static IReadOnlyList<FaultKind> SupportedKinds { get; } =
        [FaultKind.Latency, FaultKind.Jitter, FaultKind.Loss, FaultKind.Blackhole];

    /// <summary>
    /// The kinds only the lab's own SSM documents do, on service C alone (<see cref="ServiceCFaultDocuments"/>): default
    /// templates <c>ec2-reset</c> and <c>ec2-bandwidth</c>, not per link.
    /// </summary>
    public static IReadOnlyList<FaultKind> ServiceCOnlyKinds { get; } = [FaultKind.Reset, FaultKind.Bandwidth];

    /// <summary>Every target the templates may use, by name.</summary>
    public static IReadOnlyDictionary<string, FisTarget> Targets(FisTargets t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var targets = new Dictionary<string, FisTarget>
        {
            [ServiceATasks] = new("aws:ecs:task", Parameters: new Dictionary<string, string>
            {
                ["cluster"] = t.EcsCluster, ["service"] = t.EcsService,
            }),
            [ServiceBPods] = new("aws:eks:pod", Parameters: new Dictionary<string, string>
            {
                ["clusterIdentifier"] = t.EksCluster, ["namespace"] = t.EksNamespace,
                ["selectorType"] = "labelSelector", ["selectorValue"] = t.EksPodSelector,
            }),
            [ServiceCInstances] = new("aws:ec2:instance",
                ResourceTags: new Dictionary<string, string> { [t.Ec2Tag.Key] = t.Ec2Tag.Value },
                Filters: [("State.Name", ["running"])]),
        };
        foreach (var (link, arns) in t.LinkSubnetArns)
        {
            targets[SubnetsOf(link)] = new("aws:ec2:subnet", ResourceArns: arns);
        }

        foreach (var (link, arns) in t.LinkEndpointArns)
        {
            targets[EndpointsOf(link)] = new("aws:ec2:vpc-endpoint", ResourceArns: arns);
        }

        return targets;
    }

    /// <summary>
    /// The actions for one fault of an experiment file on <paramref name="fault"/>'s link: blackhole on the link's own
    /// subnets or endpoints, latency, jitter and loss on the link's callers toward the names they resolve over it.
    /// </summary>
    public static IReadOnlyList<FisAction> ForLinkFault(LinkFault fault, FisTargets t)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(t);
        var duration = FisDuration.Iso(fault.Duration ?? FisDuration.Minimum);
        if (fault.Kind == FaultKind.Blackhole)
        {
            return t.LinkEndpointArns.ContainsKey(fault.Link) ? [DisruptEndpoints(fault.Link, duration)]
                : t.LinkSubnetArns.ContainsKey(fault.Link) ? [DisruptSubnets(fault.Link, duration)]
                : throw new ArgumentException(
                    $"AWS FIS cannot blackhole the '{fault.Link}' link on its own (no subnets or endpoints of its own); allowed: " +
                    $"{string.Join(", ", t.LinkSubnetArns.Keys.Concat(t.LinkEndpointArns.Keys))}, or latency and loss on its callers.", nameof(fault));
        }

        var actions = new List<FisAction>();
        if (t.ServiceAHosts.GetValueOrDefault(fault.Link) is { Count: > 0 } aHosts)
        {
            actions.Add(ForWorkload(FaultPlatform.Ecs, fault.Parameters, duration, string.Join(",", aHosts), t));
        }

        if (t.ServiceBHosts.GetValueOrDefault(fault.Link) is { Count: > 0 } bHosts)
        {
            actions.Add(ForWorkload(FaultPlatform.Eks, fault.Parameters, duration, string.Join(",", bHosts), t));
        }

        return actions;
    }

    /// <summary>
    /// The action of one default template: <paramref name="parameters"/>' kind on one workload, toward every link
    /// (<paramref name="sources"/>: the callee names or caller CIDRs), or on one link's network for a blackhole.
    /// </summary>
    public static FisAction ForWorkload(FaultPlatform platform, FaultParameters parameters, string duration, string sources, FisTargets t)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(t);
        var port = t.ServicePort.ToString(CultureInfo.InvariantCulture);
        var (delay, jitter) = DelayAndJitter(parameters);
        var loss = parameters is LossFault l ? Math.Clamp((int)Math.Round(l.Percent), 1, 100).ToString(CultureInfo.InvariantCulture) : null;
        return (platform, parameters.Kind) switch
        {
            (FaultPlatform.Ecs, FaultKind.Latency or FaultKind.Jitter) => Ecs("aws:ecs:task-network-latency", duration,
                ("delayMilliseconds", delay), ("jitterMilliseconds", jitter), ("sources", sources)),
            (FaultPlatform.Ecs, FaultKind.Loss) => Ecs("aws:ecs:task-network-packet-loss", duration,
                ("lossPercent", loss!), ("sources", sources)),
            (FaultPlatform.Ecs, FaultKind.Blackhole) => Ecs("aws:ecs:task-network-blackhole-port", duration,
                ("port", port), ("protocol", "tcp"), ("trafficType", "egress")),
            (FaultPlatform.Eks, FaultKind.Latency or FaultKind.Jitter) => Eks("aws:eks:pod-network-latency", duration, t,
                ("delayMilliseconds", delay), ("jitterMilliseconds", jitter), ("sources", sources)),
            (FaultPlatform.Eks, FaultKind.Loss) => Eks("aws:eks:pod-network-packet-loss", duration, t,
                ("lossPercent", loss!), ("sources", sources)),
            (FaultPlatform.Eks, FaultKind.Blackhole) => Eks("aws:eks:pod-network-blackhole-port", duration, t,
                ("port", port), ("protocol", "tcp"), ("trafficType", "egress")),
            (FaultPlatform.Ec2, FaultKind.Latency or FaultKind.Jitter) => Ssm(t, "AWSFIS-Run-Network-Latency-Sources", duration,
                ("DelayMilliseconds", delay), ("JitterMilliseconds", jitter), ("Sources", sources), ("TrafficType", "egress"), ("Interface", "DEFAULT")),
            (FaultPlatform.Ec2, FaultKind.Loss) => Ssm(t, "AWSFIS-Run-Network-Packet-Loss-Sources", duration,
                ("LossPercent", loss!), ("Sources", sources), ("TrafficType", "egress"), ("Interface", "DEFAULT")),
            (FaultPlatform.Ec2, FaultKind.Blackhole) => Ssm(t, "AWSFIS-Run-Network-Blackhole-Port", duration,
                ("Protocol", "tcp"), ("Port", port), ("TrafficType", "ingress")),
            (FaultPlatform.Ec2, FaultKind.Reset) => LabSsm(t, FaultKind.Reset, duration,
                ("Percent", ResetPercent(parameters)), ("Sources", sources), ("Port", port)),
            (FaultPlatform.Ec2, FaultKind.Bandwidth) => LabSsm(t, FaultKind.Bandwidth, duration,
                ("BitsPerSecond", ((BandwidthFault)parameters).BitsPerSecond.ToString(CultureInfo.InvariantCulture)), ("Sources", sources), ("Port", port)),
            (FaultPlatform.Network, FaultKind.Blackhole) => throw new ArgumentException(
                "A network blackhole is per link: use ForLinkFault.", nameof(platform)),
            _ => throw new ArgumentException(
                $"AWS FIS has no {platform} action for {FaultKinds.Name(parameters.Kind)}; allowed: {string.Join(", ", SupportedKinds.Select(FaultKinds.Name))}" +
                $", and on Ec2 (service C) also {string.Join(", ", ServiceCOnlyKinds.Select(FaultKinds.Name))}.",
                nameof(parameters)),
        };
    }

    /// <summary>The template target name of a routed link's subnets.</summary>
    public static string SubnetsOf(string link) => $"Subnets{Pascal(link)}";

    /// <summary>The template target name of a PrivateLink's interface endpoints.</summary>
    public static string EndpointsOf(string link) => $"Endpoints{Pascal(link)}";

    private static string Pascal(string link) => char.ToUpperInvariant(link[0]) + link[1..];

    // netem's delay d with jitter j varies around d by up to j; the lab's jitter kind (0 to A) becomes A/2 ± A/2.
    private static (string Delay, string Jitter) DelayAndJitter(FaultParameters parameters) => parameters switch
    {
        LatencyFault l => (Ms(l.Delay), Ms(l.Spread)),
        JitterFault j => (Ms(j.Amplitude / 2), Ms(j.Amplitude / 2)),
        _ => ("0", "0"),
    };

    private static string Ms(TimeSpan value) => ((long)Math.Round(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    private static FisAction DisruptSubnets(string link, string duration) => new("aws:network:disrupt-connectivity",
        new Dictionary<string, string> { ["duration"] = duration, ["scope"] = "all" }, "Subnets", SubnetsOf(link));

    private static FisAction DisruptEndpoints(string link, string duration) => new("aws:network:disrupt-vpc-endpoint",
        new Dictionary<string, string> { ["duration"] = duration }, "VPCEndpoints", EndpointsOf(link));

    // On Fargate the network actions must go through the ECS fault injection endpoints (FIS ECS task actions page).
    private static FisAction Ecs(string id, string duration, params (string Key, string Value)[] parameters) =>
        new(id, Parameters(duration, parameters.Append(("useEcsFaultInjectionEndpoints", "true"))), "Tasks", ServiceATasks);

    private static FisAction Eks(string id, string duration, FisTargets t, params (string Key, string Value)[] parameters) =>
        new(id, Parameters(duration, parameters.Append(("kubernetesServiceAccount", t.EksServiceAccount))), "Pods", ServiceBPods);

    // The lab's document draws whole percents (nft numgen mod 100), as FIS's lossPercent is whole; after= bytes has no rule.
    private static string ResetPercent(FaultParameters parameters) => parameters is ResetFault { Percent: { } percent }
        ? Math.Clamp((int)Math.Round(percent), 1, 100).ToString(CultureInfo.InvariantCulture)
        : throw new ArgumentException(
            $"AWS cannot run {new LinkFault("tgw", parameters).ToString()[4..]} on service C: its reset document resets a share of connections; allowed: reset:<percent>, e.g. reset:10%.",
            nameof(parameters));

    private static FisAction LabSsm(FisTargets t, FaultKind kind, string duration, params (string Key, string Value)[] parameters) =>
        t.Ec2DocumentArns.TryGetValue(kind, out var arn)
            ? SsmArn(arn, duration, parameters)
            : throw new ArgumentException($"No SSM document for {FaultKinds.Name(kind)} on service C was given (FisTargets.Ec2DocumentArns).", nameof(t));

    // The SSM document runs for DurationSeconds, the action for duration: both the fault's length.
    private static FisAction Ssm(FisTargets t, string document, string duration, params (string Key, string Value)[] parameters) =>
        SsmArn(t.SsmDocumentArnPrefix + document, duration, parameters);

    private static FisAction SsmArn(string documentArn, string duration, params (string Key, string Value)[] parameters)
    {
        var seconds = ((long)System.Xml.XmlConvert.ToTimeSpan(duration).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var documentParameters = parameters.Append(("DurationSeconds", seconds)).Append(("InstallDependencies", "True"))
            .ToDictionary(p => p.Item1, p => p.Item2);
        return new("aws:ssm:send-command", new Dictionary<string, string>
        {
            ["documentArn"] = documentArn,
            ["documentParameters"] = JsonSerializer.Serialize(documentParameters),
            ["duration"] = duration,
        }, "Instances", ServiceCInstances);
    }

    private static Dictionary<string, string> Parameters(string duration, IEnumerable<(string Key, string Value)> parameters)
    {
        var all = new Dictionary<string, string> { ["duration"] = duration };
        foreach (var (key, value) in parameters)
        {
            all[key] = value;
        }

        return all;
    }
}
