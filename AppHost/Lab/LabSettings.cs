using Microsoft.Extensions.Options;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.Text;

namespace TracingLab.AppHost.Lab;

/// <summary>One AppHost option: its flag, its configuration key, what a missing value is told (null for a switch), and its reader.</summary>
/// <param name="Read">Reads the value into the options, or returns the problem ("is 'x'; allowed: ...") without the flag or key.</param>
internal sealed record LabOption(string Flag, string Key, string? NeedsValue, Func<LabOptions, string, (LabOptions? Options, string? Problem)> Read);

/// <summary>The <c>Lab:*</c> values after configuration and the command line are merged, and which came from a flag.</summary>
internal sealed class LabSettings(IReadOnlyDictionary<string, string> values, IReadOnlySet<string> fromCommandLine)
{
    /// <summary>The raw value of each option that was set, by configuration key.</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    /// <summary>The name an error uses: the flag when the value came from the command line, else the key.</summary>
    public string NameOf(LabOption option) => fromCommandLine.Contains(option.Key) ? option.Flag : option.Key;

    /// <summary>The options; call only after <see cref="LabSettingsValidator"/> found nothing wrong.</summary>
    public LabOptions ToOptions() => LabArguments.Options
        .Where(o => Values.ContainsKey(o.Key))
        .Aggregate(new LabOptions(), (options, o) => o.Read(options, Values[o.Key]).Options ?? throw new InvalidOperationException($"{NameOf(o)} was not validated."));
}

/// <summary>Checks every option at once; each failure names the flag or key, the value and what is allowed.</summary>
internal sealed class LabSettingsValidator : IValidateOptions<LabSettings>
{
    public ValidateOptionsResult Validate(string? name, LabSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var option in LabArguments.Options)
        {
            if (options.Values.TryGetValue(option.Key, out var value) && option.Read(new LabOptions(), value).Problem is { } problem)
            {
                failures.Add($"{options.NameOf(option)} {problem}");
            }
        }

        if (failures.Count == 0)
        {
            failures.AddRange(FaultsOnDisabledLinks(options));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A fault on a link the lab does not run would be silently ignored: refuse it, naming both options.
    private static IEnumerable<string> FaultsOnDisabledLinks(LabSettings settings)
    {
        var options = settings.ToOptions();
        var links = LabArguments.Options.Single(o => o.Key == "Lab:Links");
        var enabled = settings.Values.ContainsKey(links.Key)
            ? $"{settings.NameOf(links)} is {Quoted.Value(string.Join(',', options.Links))}"
            : $"the default links are {string.Join(", ", options.Links)}";
        var sources = new (string Key, IEnumerable<LinkFault> Faults)[]
        {
            (LinkFaults.ConfigurationKey, options.LinkFaults),
            (LabArguments.ExperimentKey, options.Experiment?.Faults ?? []),
        };
        foreach (var (key, faults) in sources)
        {
            var option = LabArguments.Options.Single(o => o.Key == key);
            foreach (var link in faults.Select(f => f.Link).Distinct(StringComparer.Ordinal).Where(l => !options.Links.Contains(l, StringComparer.Ordinal)))
            {
                yield return $"{settings.NameOf(option)} puts a fault on {Quoted.Value(link)}, which is not enabled ({enabled}); " +
                    $"allowed: faults on {string.Join(", ", options.Links)}, or enable {link} too.";
            }
        }
    }
}
