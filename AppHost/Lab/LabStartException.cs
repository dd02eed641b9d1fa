namespace TracingLab.AppHost.Lab;

/// <summary>The lab can't start (inside the AppHost); the message says why and what to do.</summary>
public sealed class LabStartException(string message, Exception? inner = null) : Exception(message, inner);
