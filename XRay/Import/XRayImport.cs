namespace TracingLab.XRay.Import;

/// <summary>What one file or request body held: traces and/or summaries (get-trace-summaries).</summary>
public sealed record XRayImport(
    IReadOnlyList<XRayTrace> Traces,
    IReadOnlyList<XRayTraceSummary> Summaries,
    IReadOnlyList<string> UnprocessedTraceIds)
{
    /// <summary>Which CLI output the input was.</summary>
    public XRayImportFormat Format { get; init; } = XRayImportFormat.BatchGetTraces;
}

/// <summary>The CLI outputs the importer reads.</summary>
public enum XRayImportFormat
{
    /// <summary><c>aws xray batch-get-traces</c> (or <c>get-trace-summaries</c>): segment documents.</summary>
    BatchGetTraces,

    /// <summary><c>aws xray list-retrieved-traces --trace-format XRAY</c>: segment documents read back from <c>aws/spans</c>.</summary>
    RetrievedXRay,

    /// <summary><c>aws xray list-retrieved-traces --trace-format OTEL</c>: spans read back from <c>aws/spans</c>.</summary>
    RetrievedOtel,

    /// <summary><c>aws logs filter-log-events --log-group-name aws/spans</c>: one span record per event message.</summary>
    AwsSpansLogEvents,

    /// <summary><c>aws logs get-query-results</c> of a Logs Insights query on <c>aws/spans</c> that returns <c>@message</c>.</summary>
    AwsSpansQueryResults,
}

/// <summary>Why an import was refused. Nothing of the input is kept when this is returned.</summary>
/// <param name="Path">JSON path of the bad field, e.g. <c>$.Traces[0].Segments[2].Document.start_time</c>.</param>
/// <param name="Expected">What the field must hold.</param>
/// <param name="Found">What it held (shortened).</param>
public sealed record XRayImportError(string Path, string Expected, string Found)
{
    /// <summary>One line for a 400 response or the CLI.</summary>
    public string Message => $"{Path}: expected {Expected}; found {Found}.";
}

/// <summary>Either an import or the error that refused it.</summary>
public sealed record XRayImportResult(XRayImport? Import, XRayImportError? Error)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Import))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Import is not null;
}
