using Microsoft.Extensions.Options;

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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
