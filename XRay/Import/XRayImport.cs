namespace TracingLab.XRay.Import;

/// <summary>What one file or request body held: traces (batch-get-traces) and/or summaries (get-trace-summaries).</summary>
public sealed record XRayImport(
    IReadOnlyList<XRayTrace> Traces,
    IReadOnlyList<XRayTraceSummary> Summaries,
    IReadOnlyList<string> UnprocessedTraceIds);

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
