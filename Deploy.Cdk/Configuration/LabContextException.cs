namespace TracingLab.Deploy.Configuration;

/// <summary>Bad CDK context. The message lists every problem: the key, the value given and what is allowed.</summary>
public sealed class LabContextException : Exception
{
    public LabContextException(IReadOnlyList<string> errors)
        : base("Invalid CDK context:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    public LabContextException()
        : this([])
    {
    }

    public LabContextException(string message)
        : this([message])
    {
    }

    public LabContextException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}
