using TracingLab.XRay.Import;

namespace TracingLab.LabConsole.XRay;

/// <summary>Why an import was refused: the HTTP status, one readable line and (for bad input) the JSON path.</summary>
public readonly record struct ImportRefusal(int Status, string Message, string? Path);

/// <summary>Parses `aws xray` output and adds it to the import store; shared by the API and the upload form.</summary>
public static class XRayImporter
{
    /// <summary>Every form the importer reads, as an error names them.</summary>
    public const string Expected =
        "the output of `aws xray batch-get-traces` ({\"Traces\": [{\"Segments\": [...]}]}), `aws xray get-trace-summaries` ({\"TraceSummaries\": [...]}), " +
        "`aws xray list-retrieved-traces --trace-format XRAY` or `--trace-format OTEL` ({\"TraceFormat\": ..., \"Traces\": [{\"Spans\": [...]}]}), " +
        "`aws logs filter-log-events --log-group-name aws/spans` ({\"events\": [{\"message\": \"<span record>\"}]}) " +
        "or `aws logs get-query-results` of a query returning @message ({\"results\": [[{\"field\": \"@message\", ...}]]})";

    /// <summary>The command whose output an import was, as the pages and the API label it.</summary>
    public static string Label(XRayImportFormat format) => format switch
    {
        XRayImportFormat.BatchGetTraces => "batch-get-traces",
        XRayImportFormat.RetrievedXRay => "list-retrieved-traces XRAY",
        XRayImportFormat.RetrievedOtel => "list-retrieved-traces OTEL",
        XRayImportFormat.AwsSpansLogEvents => "aws/spans filter-log-events",
        XRayImportFormat.AwsSpansQueryResults => "aws/spans get-query-results",
        _ => format.ToString(),
    };

    public static (XRayImport? Import, ImportRefusal? Refusal) Import(ReadOnlyMemory<byte> body, string source, XRayImportStore imports)
    {
        ArgumentNullException.ThrowIfNull(imports);
        var parsed = XRayImportParser.Parse(body);
        if (!parsed.Succeeded)
        {
            return (null, new ImportRefusal(StatusCodes.Status400BadRequest, parsed.Error.Message, parsed.Error.Path));
        }

        if (parsed.Import.Traces.Count == 0 && parsed.Import.Summaries.Count == 0)
        {
            return (null, new ImportRefusal(StatusCodes.Status400BadRequest,
                $"$: expected {Expected} with at least one trace; found none", "$"));
        }

        if (imports.Add(parsed.Import, source) is { } refused)
        {
            return (null, new ImportRefusal(StatusCodes.Status413PayloadTooLarge, refused, null));
        }

        return (parsed.Import, null);
    }
}
