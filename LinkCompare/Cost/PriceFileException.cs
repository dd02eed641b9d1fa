namespace TracingLab.LinkCompare.Cost;

/// <summary>A price file that can't be used; the message names the file, the field, the value and what is allowed.</summary>
public sealed class PriceFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PriceFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PriceFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PriceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
