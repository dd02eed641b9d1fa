using Amazon.CDK.AWS.FIS;
using Constructs;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// One AWS FIS experiment template. A step that starts later waits behind an <c>aws:fis:wait</c> action of that length
/// (FIS has no start offsets, only <c>startAfter</c>); steps starting together share their wait.
/// </summary>
public sealed class FaultExperiment : Construct
{
    public FaultExperiment(Construct scope, string id, FaultExperimentProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var actions = new Dictionary<string, object>();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < props.Steps.Count; i++)
        {
            var (action, start) = props.Steps[i];
            string[]? after = null;
            if (start > TimeSpan.Zero)
            {
                var wait = $"wait{(long)start.TotalSeconds}s";
                actions.TryAdd(wait, new CfnExperimentTemplate.ExperimentTemplateActionProperty
                {
                    ActionId = "aws:fis:wait",
                    Parameters = new Dictionary<string, string> { ["duration"] = FisDuration.Iso(start) },
                });
                after = [wait];
            }

            used.Add(action.TargetName);
            actions[$"fault{i}"] = new CfnExperimentTemplate.ExperimentTemplateActionProperty
            {
                ActionId = action.ActionId,
                Description = $"{action.ActionId} on {action.TargetName}",
                Parameters = action.Parameters.ToDictionary(p => p.Key, p => p.Value),
                Targets = new Dictionary<string, string> { [action.TargetKey] = action.TargetName },
                StartAfter = after,
            };
        }

        Template = new CfnExperimentTemplate(this, "Template", new CfnExperimentTemplateProps
        {
            Description = Bounded(props.Description ?? props.Name),
            RoleArn = props.Role.RoleArn,
            StopConditions = props.StopAlarms.Select(a => (object)new CfnExperimentTemplate.ExperimentTemplateStopConditionProperty
            {
                Source = "aws:cloudwatch:alarm",
                Value = a.AlarmArn,
            }).ToArray(),
            Targets = used.ToDictionary(name => name, name => (object)Target(props.Targets[name])),
            Actions = actions,
            Tags = new Dictionary<string, string> { ["Name"] = $"tracinglab-{props.Name}" },
        });
    }

    /// <summary>The template.</summary>
    public CfnExperimentTemplate Template { get; }

    // FIS template descriptions hold at most 512 characters.
    private static string Bounded(string text) => text.Length <= 512 ? text : text[..511] + "…";

    private static CfnExperimentTemplate.ExperimentTemplateTargetProperty Target(FisTarget target) => new()
    {
        ResourceType = target.ResourceType,
        SelectionMode = "ALL",
        ResourceArns = target.ResourceArns?.ToArray(),
        Parameters = target.Parameters?.ToDictionary(p => p.Key, p => p.Value),
        ResourceTags = target.ResourceTags?.ToDictionary(p => p.Key, p => p.Value),
        Filters = target.Filters?.Select(f => (object)new CfnExperimentTemplate.ExperimentTemplateTargetFilterProperty
        {
            Path = f.Path,
            Values = f.Values,
        }).ToArray(),
    };
}
