namespace TracingLab.Contracts.Faults;

/// <summary>Faults that do not parse: every problem found, each naming the value given and what is allowed.</summary>
public sealed class FaultSpecException : FormatException
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public FaultSpecException(string source, IReadOnlyList<string> errors)
        : base($"{source}: {errors.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a single message.</summary>
    public FaultSpecException()
        : this("faults", ["unknown problem"])
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    public FaultSpecException(string message)
        : this("faults", [message])
    {
    }

    /// <summary>Creates the exception with a single message and its cause.</summary>
    public FaultSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
