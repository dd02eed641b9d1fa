namespace TracingLab.Dashboard.Store;

/// <summary>What happened to one export request: items kept, items rejected and why (OTLP partial success).</summary>
public sealed record IngestResult(int Accepted, int Rejected, string? Error)
{
    public static readonly IngestResult Empty = new(0, 0, null);

    /// <summary>Nothing usable in a request that carried items: the request as a whole is invalid (400 / InvalidArgument).</summary>
    public bool IsInvalid => Rejected > 0 && Accepted == 0;
}
