namespace TracingLab.AspireTelemetry;

/// <summary>
/// The Aspire dashboard or the links feed could not answer: unreachable (503 to the console's clients) or an answer
/// the console cannot use (502). The message names the URL and what happened, and is safe to show.
/// </summary>
public sealed class UpstreamException : Exception
{
    public UpstreamException()
    {
    }

    public UpstreamException(string message)
        : base(message)
    {
    }

    public UpstreamException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UpstreamException(int status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
    }

    /// <summary>503 when nothing answered, 502 when the answer was an error or unreadable.</summary>
    public int Status { get; } = StatusCodes.Status502BadGateway;
}
