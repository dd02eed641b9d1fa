using System.IO.Compression;
using TracingLab.Dashboard.Otlp;
using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.Api;

/// <summary>A run as a zip of OTLP JSON: traces.json (TracesData) and logs.json (LogsData). Import accepts the same.</summary>
public static class RunArchive
{
    public const string TracesEntry = "traces.json";
    public const string LogsEntry = "logs.json";

    public static void Write(TelemetryStore store, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var spans = store.QuerySpans(new SpanQuery(Limit: int.MaxValue)).Items;
        WriteEntry(zip, TracesEntry, OtlpJson.Format(OtlpExport.ToTracesRequest(spans)));
        var logs = store.QueryLogs(new LogQuery(Limit: int.MaxValue)).Items.Reverse();
        WriteEntry(zip, LogsEntry, OtlpJson.Format(OtlpExport.ToLogsRequest(logs)));
    }

    /// <summary>Adds the archive's telemetry to the store; throws <see cref="OtlpFormatException"/> for a bad archive.</summary>
    public static (int Spans, int Logs) Read(Stream source, TelemetryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new OtlpFormatException($"body is not a zip archive: {ex.Message}", ex);
        }

        using (zip)
        {
            var traces = zip.GetEntry(TracesEntry);
            var logs = zip.GetEntry(LogsEntry);
            if (traces is null && logs is null)
            {
                throw new OtlpFormatException($"archive holds neither {TracesEntry} nor {LogsEntry}; entries found: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
            }

            var spanCount = traces is null ? 0 : store.AddTraces(OtlpJson.Parse<ExportTraceServiceRequest>(ReadEntry(traces))).Accepted;
            var logCount = logs is null ? 0 : store.AddLogs(OtlpJson.Parse<ExportLogsServiceRequest>(ReadEntry(logs))).Accepted;
            return (spanCount, logCount);
        }
    }

    internal static IResult ExportAsync(TelemetryStore store)
    {
        var buffer = new MemoryStream();
        Write(store, buffer);
        buffer.Position = 0;
        return Results.File(buffer, "application/zip", $"tracinglab-run-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.zip");
    }

    internal static async Task<IResult> ImportAsync(HttpRequest request, TelemetryStore store, DashboardOptions options)
    {
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        buffer.Position = 0;
        try
        {
            var (spans, logs) = Read(buffer, store);
            return Results.Ok(new ImportResult(spans, logs));
        }
        catch (OtlpFormatException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid archive", detail: ex.Message);
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open());
        writer.Write(content);
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        if (entry.Length > 512L * 1024 * 1024)
        {
            throw new OtlpFormatException($"{entry.FullName} is {entry.Length} bytes uncompressed; the limit is 512 MiB");
        }

        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

public sealed record ImportResult(int Spans, int Logs);
