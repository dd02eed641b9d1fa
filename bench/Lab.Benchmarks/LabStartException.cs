namespace TracingLab.Lab.Benchmarks;

/// <summary>The AppHost did not reach an all-healthy summary; the message carries what it printed.</summary>
internal sealed class LabStartException(string message) : Exception(message);
