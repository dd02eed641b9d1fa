using System.IO.Compression;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Api;
using TracingLab.LabConsole.Hosting;
using TracingLab.Otlp;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.LabConsole.Intake;

/// <summary>
/// The console as the lab's local collector: OTLP/HTTP (<c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>,
/// protobuf or JSON, gzip or none) from the services, each request forwarded unchanged to the Aspire dashboard —
/// the place the ADOT collector has in AWS. Traces are also kept, typed, in the <see cref="TypedTraceStore"/>.
/// </summary>
public static partial class OtlpIntake
{
    /// <summary>Largest request body; the X-Ray OTLP endpoint takes at most 5 MB uncompressed (docs/xray-otlp.md).</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public static IServiceCollection AddOtlpIntake(this IServiceCollection services)
    {
        services.AddSingleton<TypedTraceStore>();
        // No overall timeout beyond the exporters' own (the lab gives them 1 s): the caller's cancellation ends the forward.
        services.AddHttpClient<OtlpForwarder>(http => http.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapOtlpIntake(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var otlp = endpoints.MapGroup("/v1").AllowAnonymous().DisableAntiforgery();
        otlp.MapPost("/traces", (HttpContext c, TypedTraceStore store, OtlpForwarder forwarder, IOptions<LabConsoleOptions> o, ILoggerFactory logs) =>
            ReceiveAsync(c, forwarder, o.Value, body => KeepTraces(c.Request, body, store, logs.CreateLogger(typeof(OtlpIntake)))));
        otlp.MapPost("/logs", (HttpContext c, OtlpForwarder forwarder, IOptions<LabConsoleOptions> o) => ReceiveAsync(c, forwarder, o.Value, null));
        otlp.MapPost("/metrics", (HttpContext c, OtlpForwarder forwarder, IOptions<LabConsoleOptions> o) => ReceiveAsync(c, forwarder, o.Value, null));
        return endpoints;
    }

    private static async Task ReceiveAsync(HttpContext context, OtlpForwarder forwarder, LabConsoleOptions options, Action<ReadOnlyMemory<byte>>? keep)
    {
        var request = context.Request;
        if (!options.AllowAnonymous && !Secrets.Matches(request.Headers[OtlpForwarder.OtlpApiKeyHeader], options.OtlpApiKey))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var (body, tooLarge) = await LimitedBody.ReadAsync(request, MaxBodyBytes, "OTLP request too large").ConfigureAwait(false);
        if (tooLarge is not null)
        {
            await tooLarge.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        keep?.Invoke(body);
        if (forwarder.Enabled)
        {
            await forwarder.ForwardAsync(request.Path, body, request, context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // No dashboard to forward to: answer as a collector would, an empty Export*ServiceResponse (full success).
        var json = IsJson(request);
        context.Response.ContentType = json ? "application/json" : "application/x-protobuf";
        await context.Response.Body.WriteAsync(json ? "{}"u8.ToArray() : [], context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the trace request for the ring. One the console cannot read is still forwarded: the dashboard is the judge
    /// of what the services send, and its answer goes back to them.
    /// </summary>
    private static void KeepTraces(HttpRequest request, ReadOnlyMemory<byte> body, TypedTraceStore store, ILogger logger)
    {
        try
        {
            var bytes = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase) ? Gunzip(body) : body;
            var traces = IsJson(request)
                ? OtlpJson.Parse<ExportTraceServiceRequest>(bytes.Span)
                : ExportTraceServiceRequest.Parser.ParseFrom(bytes.Span);
            store.Add(traces.ResourceSpans);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or OtlpFormatException or InvalidDataException)
        {
            LogUnreadable(logger, request.ContentType ?? "(none)", ex.Message.Length > 200 ? ex.Message[..200] + "…" : ex.Message);
        }
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    private static ReadOnlyMemory<byte> Gunzip(ReadOnlyMemory<byte> body)
    {
        using var input = new MemoryStream(body.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (output.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException($"the gzip body inflates to more than {MaxBodyBytes} bytes");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OTLP intake forwarded a trace request it cannot read (Content-Type {ContentType}): {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string contentType, string reason);
}
