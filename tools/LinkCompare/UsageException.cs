namespace TracingLab.LinkCompare.Tool;

/// <summary>A command-line or target problem: the message names the flag, the value and what is allowed (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
