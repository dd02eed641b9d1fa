namespace TracingLab.Dashboard;

/// <summary>One line a resource wrote to stdout (IsError false) or stderr (IsError true).</summary>
public sealed record ConsoleLine(DateTimeOffset Time, bool IsError, string Text);
