namespace TracingLab.Deploy.Faults;

/// <summary>One FIS action: its id, parameters, and which template target it acts on under which key.</summary>
/// <param name="ActionId">e.g. <c>aws:ecs:task-network-latency</c>.</param>
/// <param name="Parameters">String parameters, as FIS takes them.</param>
/// <param name="TargetKey">The action's resource key: <c>Tasks</c>, <c>Pods</c>, <c>Instances</c>, <c>Subnets</c>, <c>VPCEndpoints</c>.</param>
/// <param name="TargetName">The template target it uses (see <see cref="FisActionPlan.Targets"/>).</param>
public sealed record FisAction(string ActionId, IReadOnlyDictionary<string, string> Parameters, string TargetKey, string TargetName);

/// <summary>A template target: how FIS finds the resources at start.</summary>
public sealed record FisTarget(
    string ResourceType,
    IReadOnlyList<string>? ResourceArns = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    IReadOnlyDictionary<string, string>? ResourceTags = null,
    IReadOnlyList<(string Path, string[] Values)>? Filters = null);
