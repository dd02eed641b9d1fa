namespace TracingLab.Testing;

/// <summary>The AppHost did not reach an all-healthy start-up summary; the message carries what it printed.</summary>
public sealed class LabProcessStartException(string message) : Exception(message);
