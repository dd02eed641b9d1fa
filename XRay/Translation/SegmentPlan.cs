using TracingLab.Contracts.Telemetry;

namespace TracingLab.XRay.Translation;

/// <summary>The computed top-level fields of one segment document, before writing.</summary>
internal sealed class SegmentPlan
{
    public string Name = "";
    /// <summary>The document id as 16 lowercase hex UTF-8 digits.</summary>
    public readonly byte[] Id = new byte[16];
    /// <summary>The X-Ray trace id as UTF-8 (<c>1-{8 hex}-{24 hex}</c>), written in place for every span.</summary>
    public readonly byte[] TraceId = new byte[XRayTraceId.XRayLength];

    /// <summary>The parent id as 16 lowercase hex UTF-8 digits, when <see cref="HasParentId"/>.</summary>
    public readonly byte[] ParentId = new byte[16];
    public bool HasParentId;
    public double StartTime;
    public double EndTime;
    public bool IsSubsegment;
    public string? Namespace;
    public string? Origin;
    public string? User;

    /// <summary>The span's links when this document writes them (see <see cref="SpanLinks.Keep"/>).</summary>
    public IReadOnlyList<TracingLab.Otlp.Trace.V1.Span.Types.Link>? Links;
    public bool Fault;
    public bool Error;
    public bool Throttle;
    public List<ExceptionInfo>? Exceptions;
    public bool HasHttp;
    /// <summary>The request URL: a full URL attribute as given, or rebuilt into <see cref="HttpUrlBuffer"/>.</summary>
    public string? HttpUrl;
    public readonly TextBuffer HttpUrlBuffer = new();
    public bool HasHttpUrl;
    public long ContentLength;
    public bool HasSql;
    public bool WithoutAwsCallFields;
    public IReadOnlyList<string>? ConfigLogGroups;
    public string? SqlUrl;
    public string? SqlConnectionString;
}
