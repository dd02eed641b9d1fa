using System.Buffers;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using TracingLab.Dashboard.Hosting;
using TracingLab.Dashboard.Store;
using TracingLab.Otlp.Collector.Logs.V1;
using TracingLab.Otlp.Collector.Metrics.V1;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.Otlp;

/// <summary>
/// OTLP/gRPC: the three collector Export methods. Bound by hand rather than through the generated service bases so
/// that the request marshaller can turn undecodable bytes into InvalidArgument (the generated marshaller's exception
/// would surface as Unknown), and so each method is tagged for the gRPC listener.
/// </summary>
internal sealed class OtlpGrpcIntake(TelemetryStore store, OtlpApiKeyCheck keyCheck) : OtlpGrpcIntakeBase
{
    public override Task<ExportTraceServiceResponse> Export(RawTraces request, ServerCallContext context)
    {
        CheckKey(context);
        IngestResult result;
        try
        {
            result = store.AddTraces(request.Protobuf);
        }
        catch (OtlpFormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"cannot decode ExportTraceServiceRequest: {ex.Message}"));
        }

        ThrowIfInvalid(result);
        return Task.FromResult(new ExportTraceServiceResponse
        {
            PartialSuccess = result.Rejected > 0 ? new ExportTracePartialSuccess { RejectedSpans = result.Rejected, ErrorMessage = result.Error ?? string.Empty } : null,
        });
    }

    public override Task<ExportLogsServiceResponse> Export(Decoded<ExportLogsServiceRequest> request, ServerCallContext context)
    {
        var result = store.AddLogs(Accept(request, context));
        ThrowIfInvalid(result);
        return Task.FromResult(new ExportLogsServiceResponse
        {
            PartialSuccess = result.Rejected > 0 ? new ExportLogsPartialSuccess { RejectedLogRecords = result.Rejected, ErrorMessage = result.Error ?? string.Empty } : null,
        });
    }

    public override Task<ExportMetricsServiceResponse> Export(Decoded<ExportMetricsServiceRequest> request, ServerCallContext context)
    {
        var result = store.AddMetrics(Accept(request, context));
        ThrowIfInvalid(result);
        return Task.FromResult(new ExportMetricsServiceResponse
        {
            PartialSuccess = result.Rejected > 0 ? new ExportMetricsPartialSuccess { RejectedDataPoints = result.Rejected, ErrorMessage = result.Error ?? string.Empty } : null,
        });
    }

    private void CheckKey(ServerCallContext context)
    {
        if (!keyCheck.Accepts(context.RequestHeaders.GetValue(OtlpApiKeyCheck.HeaderName)))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"missing or wrong {OtlpApiKeyCheck.HeaderName} header"));
        }
    }

    private T Accept<T>(Decoded<T> request, ServerCallContext context)
        where T : class
    {
        CheckKey(context);
        return request.Message ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"cannot decode {typeof(T).Name}: {request.Error}"));
    }

    private static void ThrowIfInvalid(IngestResult result)
    {
        if (result.IsInvalid)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"all {result.Rejected} items rejected: {result.Error}"));
        }
    }
}

/// <summary>Trace export bytes, decoded by the store's own reader rather than into protobuf objects.</summary>
internal sealed record RawTraces(byte[] Protobuf);

/// <summary>A request as decoded by the marshaller: the message, or why it could not be decoded.</summary>
internal sealed record Decoded<T>(T? Message, string? Error)
    where T : class;

/// <summary>
/// The three OTLP collector services bound by hand. gRPC finds each handler by name ("Export") and parameter types
/// on an override of a method declared here, so the handlers are overloads of abstract methods.
/// </summary>
[BindServiceMethod(typeof(OtlpGrpcIntakeBase), nameof(Bind))]
internal abstract class OtlpGrpcIntakeBase
{
    public abstract Task<ExportTraceServiceResponse> Export(RawTraces request, ServerCallContext context);

    public abstract Task<ExportLogsServiceResponse> Export(Decoded<ExportLogsServiceRequest> request, ServerCallContext context);

    public abstract Task<ExportMetricsServiceResponse> Export(Decoded<ExportMetricsServiceRequest> request, ServerCallContext context);

    // gRPC creates the service per call and finds the handler by method name ("Export") and parameter types, so the
    // three handlers are overloads; `service` is null at endpoint discovery and the delegates are then unused.
    public static void Bind(ServiceBinderBase binder, OtlpGrpcIntakeBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(
            new Method<RawTraces, ExportTraceServiceResponse>(
                MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export",
                Marshallers.Create<RawTraces>((_, _) => throw new NotSupportedException("the intake never sends requests"), context => new RawTraces(context.PayloadAsNewBuffer())),
                ResponseMarshaller<ExportTraceServiceResponse>()),
            service is null ? null! : new UnaryServerMethod<RawTraces, ExportTraceServiceResponse>(service.Export));
        binder.AddMethod(
            Method<ExportLogsServiceRequest, ExportLogsServiceResponse>("opentelemetry.proto.collector.logs.v1.LogsService"),
            service is null ? null! : new UnaryServerMethod<Decoded<ExportLogsServiceRequest>, ExportLogsServiceResponse>(service.Export));
        binder.AddMethod(
            Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse>("opentelemetry.proto.collector.metrics.v1.MetricsService"),
            service is null ? null! : new UnaryServerMethod<Decoded<ExportMetricsServiceRequest>, ExportMetricsServiceResponse>(service.Export));
    }

    private static Method<Decoded<TRequest>, TResponse> Method<TRequest, TResponse>(string serviceName)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var parser = new MessageParser<TRequest>(() => new TRequest());
        var requestMarshaller = Marshallers.Create<Decoded<TRequest>>(
            (_, _) => throw new NotSupportedException("the intake never sends requests"),
            context =>
            {
                try
                {
                    return new Decoded<TRequest>(parser.ParseFrom(context.PayloadAsReadOnlySequence()), null);
                }
                catch (InvalidProtocolBufferException ex)
                {
                    return new Decoded<TRequest>(null, ex.Message);
                }
            });
        return new Method<Decoded<TRequest>, TResponse>(MethodType.Unary, serviceName, "Export", requestMarshaller, ResponseMarshaller<TResponse>());
    }

    private static Marshaller<TResponse> ResponseMarshaller<TResponse>()
        where TResponse : class, IMessage<TResponse>, new() => Marshallers.Create<TResponse>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            _ => throw new NotSupportedException("the intake never reads responses"));
}
