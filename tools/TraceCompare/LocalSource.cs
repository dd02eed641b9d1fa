using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TracingLab.Contracts.Telemetry;
using TracingLab.AspireTelemetry;
using TracingLab.Otlp;
using TracingLab.Tools;

namespace TracingLab.TraceCompare;

/// <summary>
/// The compare command's local side: a running Aspire dashboard (<c>--local http://127.0.0.1:18888</c>, its telemetry
/// API, key from <c>--api-key</c>) or the zip its "Export telemetry" writes (<c>traces/&lt;resource&gt;.json</c>, each
/// <c>{"resourceSpans": [...]}</c> in the dashboard's all-strings OTLP JSON).
/// </summary>
internal abstract class LocalSource
{
    public abstract Task<LocalTrace?> GetAsync(XRayTraceId id, CancellationToken ct);

    /// <summary>Ids the source can name in an error (the export's; a dashboard lists none).</summary>
    public abstract IReadOnlyCollection<string> KnownIds { get; }

    /// <summary>The source for <paramref name="local"/>, or null with the problem (naming the flag, the value and what is allowed).</summary>
    public static (LocalSource? Source, string? Problem) Open(string local, string? apiKey, HttpClient http)
    {
        if (local.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || local.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(local, UriKind.Absolute, out var url))
            {
                return (null, $"--local {Echo.Quoted(local)} is not a URL; allowed: the Aspire dashboard's URL (http://127.0.0.1:18888) or its telemetry export zip");
            }

            var options = Options.Create(new AspireDashboardOptions { DashboardUrl = url.GetLeftPart(UriPartial.Authority), ApiKey = apiKey });
            return (new Dashboard(new AspireTelemetryClient(http, options, NullLogger<AspireTelemetryClient>.Instance)), null);
        }

        return Export.Read(local);
    }

    private sealed class Dashboard(AspireTelemetryClient client) : LocalSource
    {
        public override IReadOnlyCollection<string> KnownIds => [];

        public override Task<LocalTrace?> GetAsync(XRayTraceId id, CancellationToken ct) => client.GetTraceAsync(id, ct);
    }

    private sealed class Export(IReadOnlyDictionary<XRayTraceId, LocalTrace> traces) : LocalSource
    {
        public const string TracesFolder = "traces/";

        public override IReadOnlyCollection<string> KnownIds => [.. traces.Keys.Select(k => k.ToXRay())];

        public override Task<LocalTrace?> GetAsync(XRayTraceId id, CancellationToken ct) => Task.FromResult(traces.GetValueOrDefault(id));

        public static (LocalSource? Source, string? Problem) Read(string path)
        {
            try
            {
                using var zip = ZipFile.OpenRead(path);
                var entries = zip.Entries.Where(e => e.FullName.StartsWith(TracesFolder, StringComparison.Ordinal) && e.FullName.EndsWith(".json", StringComparison.Ordinal)).ToList();
                if (entries.Count == 0)
                {
                    return (null, $"--local {Echo.Quoted(path)} holds no {TracesFolder}*.json; entries found: {string.Join(", ", zip.Entries.Take(10).Select(e => e.FullName))}; allowed: the Aspire dashboard's telemetry export (Settings → Export, with traces) or the dashboard's URL");
                }

                var spans = new List<Otlp.Trace.V1.ResourceSpans>();
                foreach (var entry in entries)
                {
                    using var stream = entry.Open();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    spans.AddRange(AspireJson.ReadResourceSpans(buffer.ToArray()));
                }

                return (new Export(TraceSplitter.Split(spans).ToDictionary(t => t.Id)), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or OtlpFormatException)
            {
                return (null, $"--local {Echo.Quoted(path)} cannot be read as the Aspire dashboard's telemetry export (a zip with {TracesFolder}*.json): {ex.Message}");
            }
        }
    }
}
