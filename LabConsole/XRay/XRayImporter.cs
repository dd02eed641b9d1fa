using TracingLab.XRay.Import;

namespace TracingLab.LabConsole.XRay;

/// <summary>Why an import was refused: the HTTP status, one readable line and (for bad input) the JSON path.</summary>
public readonly record struct ImportRefusal(int Status, string Message, string? Path);

/// <summary>Parses `aws xray` output and adds it to the import store; shared by the API and the upload form.</summary>
public static class XRayImporter
{
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
                "$: expected batch-get-traces output ({\"Traces\": [...]}) or get-trace-summaries output ({\"TraceSummaries\": [...]}) with at least one trace; found none", "$"));
        }

        if (imports.Add(parsed.Import, source) is { } refused)
        {
            return (null, new ImportRefusal(StatusCodes.Status413PayloadTooLarge, refused, null));
        }

        return (parsed.Import, null);
    }
}
