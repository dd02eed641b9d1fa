using TracingLab.Contracts.Faults;
using TracingLab.Deploy.Faults;

namespace TracingLab.Deploy.Configuration;

/// <summary>
/// Reads <c>-c experiment=file.json</c>: the same file the AppHost's <c>--experiment</c> takes, parsed by the same
/// parser, then checked against what AWS FIS can do with it.
/// </summary>
public static class ExperimentContext
{
    public const string ExperimentKey = "experiment";

    /// <summary>The experiment, or null when the key is absent.</summary>
    /// <param name="get">Returns the raw context value of a key, or null.</param>
    /// <param name="links">The links deployed: every fault must be on one of them.</param>
    /// <exception cref="LabContextException">The file cannot be read, does not parse, or asks for what FIS cannot do.</exception>
    public static Experiment? Read(Func<string, object?> get, IReadOnlyList<LinkKind> links)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(links);
        if (get(ExperimentKey) is not { } raw || raw.ToString() is not { Length: > 0 } path)
        {
            return null;
        }

        if (!Experiment.TryLoad(path, out var experiment, out var errors))
        {
            throw new LabContextException(errors.Select(e => $"'{ExperimentKey}': {e}").ToList());
        }

        var problems = new List<string>();
        var deployed = string.Join(", ", links.Select(l => l.Name()));
        var supported = string.Join(", ", FisActionPlan.SupportedKinds.Select(FaultKinds.Name));
        for (var i = 0; i < experiment!.Faults.Count; i++)
        {
            var fault = experiment.Faults[i];
            var where = $"'{ExperimentKey}' {Path.GetFileName(path)} faults[{i}] ({fault})";
            if (!links.Any(l => l.Name() == fault.Link))
            {
                problems.Add($"{where}: link '{fault.Link}' is not deployed; allowed: {(deployed.Length == 0 ? "none (links=none)" : deployed)}.");
            }

            if (!FisActionPlan.SupportedKinds.Contains(fault.Kind))
            {
                problems.Add($"{where}: AWS FIS has no action for {FaultKinds.Name(fault.Kind)}; allowed in AWS: {supported} (docs/faults.md, In AWS).");
            }

            if (fault.Duration is not { } duration || !FisDuration.Fits(duration))
            {
                problems.Add($"{where}: duration {Seconds(fault.Duration)} is not one FIS takes; allowed: whole seconds from 1m to 12h.");
            }

            if (fault.Start is { } start && start != TimeSpan.Zero && !FisDuration.Fits(start))
            {
                problems.Add($"{where}: start {Seconds(start)} is not one FIS can wait for (aws:fis:wait); allowed: 0s, or whole seconds from 1m to 12h.");
            }
        }

        return problems.Count == 0 ? experiment : throw new LabContextException(problems);
    }

    private static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "s" : "(none)";
}
