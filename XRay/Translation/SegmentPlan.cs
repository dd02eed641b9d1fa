namespace TracingLab.XRay.Translation;

/// <summary>The computed top-level fields of one segment document, before writing.</summary>
internal sealed class SegmentPlan
{
    public string Name = "";
    public string Id = "";
    public string TraceId = "";
    public string? ParentId;
    public double StartTime;
    public double EndTime;
    public bool IsSubsegment;
    public string? Namespace;
    public string? Origin;
    public string? User;
    public bool Fault;
    public bool Error;
    public bool Throttle;
    public List<ExceptionInfo>? Exceptions;
    public bool HasHttp;
    public string? HttpUrl;
    public long ContentLength;
    public bool HasSql;
    public bool WithoutAwsCallFields;
    public IReadOnlyList<string>? ConfigLogGroups;
    public string? SqlUrl;
    public string? SqlConnectionString;
}
