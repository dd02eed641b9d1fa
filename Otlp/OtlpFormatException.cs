namespace TracingLab.Otlp;

/// <summary>An OTLP request that cannot be decoded; the message says what was wrong and is safe to return to the sender.</summary>
public sealed class OtlpFormatException : Exception
{
    public OtlpFormatException()
    {
    }

    public OtlpFormatException(string message)
        : base(message)
    {
    }

    public OtlpFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
