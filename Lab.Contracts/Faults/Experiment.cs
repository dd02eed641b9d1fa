namespace TracingLab.Contracts.Faults;

/// <summary>
/// A timeline of faults, as an experiment file holds it (<c>--experiment file.json</c> locally, <c>-c experiment=</c>
/// for the AWS FIS templates). The file format is docs/experiment.schema.json; <see cref="ExperimentFile"/> reads it.
/// </summary>
/// <param name="Name">Letters, digits, '.', '_' and '-', at most 64 characters.</param>
/// <param name="Description">What the experiment shows, or null.</param>
/// <param name="Faults">At least one; each has a start and a duration.</param>
public sealed record Experiment(string Name, string? Description, IReadOnlyList<LinkFault> Faults)
{
    /// <summary>The longest an experiment may run: the end of its last fault.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(1);

    /// <summary>The most faults one experiment may hold: a lab timeline, and each becomes an FIS action (FIS caps actions per template by quota).</summary>
    public const int MaxFaults = 20;

    /// <summary>When the last fault ends.</summary>
    public TimeSpan Length => Faults.Count == 0 ? TimeSpan.Zero : Faults.Max(f => f.End ?? TimeSpan.Zero);

    /// <summary>The experiment in <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FaultSpecException">Every problem in the file; nothing is returned in part.</exception>
    public static Experiment Parse(string json, string source = "experiment") =>
        ExperimentFile.TryParse(json, source, out var experiment, out var errors)
            ? experiment!
            : throw new FaultSpecException(source, errors);

    /// <summary>The experiment in <paramref name="json"/>, or false with every problem and a null experiment.</summary>
    public static bool TryParse(string json, out Experiment? experiment, out IReadOnlyList<string> errors) =>
        ExperimentFile.TryParse(json, "experiment", out experiment, out errors);

    /// <summary>The experiment in the file at <paramref name="path"/>; errors name the file.</summary>
    /// <exception cref="FaultSpecException">The file cannot be read or has problems.</exception>
    public static Experiment Load(string path) =>
        TryLoad(path, out var experiment, out var errors) ? experiment! : throw new FaultSpecException(path, errors);

    /// <summary>The experiment in the file at <paramref name="path"/>, or false with every problem.</summary>
    public static bool TryLoad(string path, out Experiment? experiment, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            experiment = null;
            errors = [$"experiment file {FaultValues.Quote(path)} cannot be read: {e.Message}"];
            return false;
        }

        return ExperimentFile.TryParse(json, Path.GetFileName(path), out experiment, out errors);
    }
}
