using System.Buffers;
using System.IO.Compression;
using Google.Protobuf;
using TracingLab.Dashboard.Hosting;
using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Metrics.V1;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.Otlp;

/// <summary>OTLP/HTTP: POST /v1/traces, /v1/logs, /v1/metrics with protobuf or JSON bodies, on the OTLP HTTP listener only.</summary>
internal static class OtlpHttpIntake
{
    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";

    public static IEndpointRouteBuilder MapOtlpHttpIntake(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1").WithMetadata(new ListenerMetadata(ListenerKind.OtlpHttp)).AllowAnonymous().DisableAntiforgery();
        group.MapPost("/traces", (HttpContext context, TelemetryStore store) =>
            HandleAsync<ExportTraceServiceRequest>(context, store.AddTraces, r => new ExportTraceServiceResponse
            {
                PartialSuccess = r.Rejected > 0 ? new ExportTracePartialSuccess { RejectedSpans = r.Rejected, ErrorMessage = r.Error ?? string.Empty } : null,
            }, bytes => store.AddTraces(bytes)));
        group.MapPost("/logs", (HttpContext context, TelemetryStore store) =>
            HandleAsync<ExportLogsServiceRequest>(context, store.AddLogs, r => new ExportLogsServiceResponse
            {
                PartialSuccess = r.Rejected > 0 ? new ExportLogsPartialSuccess { RejectedLogRecords = r.Rejected, ErrorMessage = r.Error ?? string.Empty } : null,
            }));
        group.MapPost("/metrics", (HttpContext context, TelemetryStore store) =>
            HandleAsync<ExportMetricsServiceRequest>(context, store.AddMetrics, r => new ExportMetricsServiceResponse
            {
                PartialSuccess = r.Rejected > 0 ? new ExportMetricsPartialSuccess { RejectedDataPoints = r.Rejected, ErrorMessage = r.Error ?? string.Empty } : null,
            }));
        return endpoints;
    }

    private static async Task HandleAsync<TRequest>(
        HttpContext context, Func<TRequest, IngestResult> ingest, Func<IngestResult, IMessage> respond, Func<byte[], IngestResult>? ingestProtobuf = null)
        where TRequest : IMessage<TRequest>, new()
    {
        var options = context.RequestServices.GetRequiredService<DashboardOptions>();
        if (!context.RequestServices.GetRequiredService<OtlpApiKeyCheck>().Accepts(context.Request.Headers[OtlpApiKeyCheck.HeaderName]))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var mediaType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        var isJson = mediaType == Json;
        if (!isJson && mediaType != Protobuf)
        {
            await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, false,
                $"Content-Type '{context.Request.ContentType}' is not supported; use {Protobuf} or {Json}").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context, options.MaxOtlpMessageBytes).ConfigureAwait(false);
        if (body.Error is not null)
        {
            await ErrorAsync(context, body.Status, isJson, body.Error).ConfigureAwait(false);
            return;
        }

        IngestResult result;
        try
        {
            result = !isJson && ingestProtobuf is not null
                ? ingestProtobuf(body.Bytes)
                : ingest(isJson ? OtlpJson.Parse<TRequest>(body.Bytes) : new MessageParser<TRequest>(() => new TRequest()).ParseFrom(body.Bytes));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or OtlpFormatException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, isJson, $"cannot decode {typeof(TRequest).Name}: {ex.Message}").ConfigureAwait(false);
            return;
        }

        if (result.IsInvalid)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, isJson, $"all {result.Rejected} items rejected: {result.Error}").ConfigureAwait(false);
            return;
        }

        var response = respond(result);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = isJson ? Json : Protobuf;
        if (isJson)
        {
            await context.Response.WriteAsync(OtlpJson.Format(response)).ConfigureAwait(false);
        }
        else
        {
            await context.Response.Body.WriteAsync(response.ToByteArray()).ConfigureAwait(false);
        }
    }

    private readonly record struct Body(byte[] Bytes, int Status, string? Error);

    private static async Task<Body> ReadBodyAsync(HttpContext context, int maxBytes)
    {
        var tooLarge = $"body exceeds the limit of {maxBytes} bytes";
        if (context.Request.ContentLength > maxBytes)
        {
            // Read (and drop) what the client is sending before answering: answering first makes HTTP/1.1 clients
            // see a reset connection instead of the 413.
            await DrainAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            return new Body([], StatusCodes.Status413PayloadTooLarge, $"body of {context.Request.ContentLength} bytes exceeds the limit of {maxBytes} bytes");
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        Stream source = encoding switch
        {
            "" or "identity" => context.Request.Body,
            "gzip" => new GZipStream(context.Request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => Stream.Null,
        };
        if (source == Stream.Null)
        {
            await DrainAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
            return new Body([], StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported; use gzip or none");
        }

        await using (source.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes, (int)(context.Request.ContentLength ?? 64 * 1024)) + 1);
            try
            {
                while (true)
                {
                    var memory = buffer.GetMemory(16 * 1024);
                    var read = await source.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    buffer.Advance(read);
                    if (buffer.WrittenCount > maxBytes)
                    {
                        await DrainAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
                        return new Body([], StatusCodes.Status413PayloadTooLarge, tooLarge + " (after decompression)");
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                await DrainAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
                return new Body([], StatusCodes.Status400BadRequest, $"body is not valid gzip: {ex.Message}");
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
            {
                return new Body([], ex.StatusCode, ex.Message);
            }

            return new Body(buffer.WrittenSpan.ToArray(), StatusCodes.Status200OK, null);
        }
    }

    // Kestrel's own MaxRequestBodySize bounds how much is drained.
    private static async Task DrainAsync(Stream body, CancellationToken ct)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await body.ReadAsync(scratch, ct).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // Over Kestrel's hard limit: Kestrel closes the connection after the response.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    // OTLP/HTTP error bodies are a google.rpc.Status in the request's encoding: code (field 1), message (field 2).
    private static Task ErrorAsync(HttpContext context, int status, bool json, string message)
    {
        context.Response.StatusCode = status;
        if (json)
        {
            context.Response.ContentType = Json;
            return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new ErrorBody(3, message), DashboardJsonContext.Default.ErrorBody));
        }

        context.Response.ContentType = Protobuf;
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(3);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        return context.Response.Body.WriteAsync(stream.ToArray()).AsTask();
    }
}

internal sealed record ErrorBody(int Code, string Message);
