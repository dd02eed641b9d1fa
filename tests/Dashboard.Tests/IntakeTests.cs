using System.Net;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Exporter;
using TracingLab.Dashboard.Store;
using TracingLab.Dashboard.Tests.Support;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.Tests;

public sealed class IntakeTests
{
    [Fact]
    public async Task GrpcExportFromOtelSdkAssemblesOneTraceAcrossThreeServices()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = await LabTraffic.SendHopsTraceAsync(dashboard.Server.OtlpGrpcUrl);

        Assert.True(TraceId.TryParse(traceId.ToHexString(), out var id));
        await Wait.UntilAsync(() => dashboard.Store.GetTrace(id)?.Spans.Count == 7, () => $"{dashboard.Store.GetTrace(id)?.Spans.Count ?? 0} spans");
        var trace = dashboard.Store.GetTrace(id)!;
        Assert.Equal(LabTraffic.Services, trace.Summary.Services.Order());
        Assert.Equal(["peering", "tgw"], trace.Summary.Links.Order());
        await Wait.UntilAsync(() => dashboard.Store.QueryLogs(new LogQuery(TraceId: id)).Total == 3, () => $"{dashboard.Store.QueryLogs(new LogQuery(TraceId: id)).Total} logs");
        await Wait.UntilAsync(() => dashboard.Store.GetMetrics().Count >= 3, () => $"{dashboard.Store.GetMetrics().Count} series");
    }

    [Fact]
    public async Task HttpProtobufExportFromOtelSdkIsStored()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = await LabTraffic.SendHopsTraceAsync(dashboard.Server.OtlpHttpUrl, OtlpExportProtocol.HttpProtobuf);

        var id = Ids.Parse(traceId.ToHexString());
        await Wait.UntilAsync(() => dashboard.Store.GetTrace(id)?.Spans.Count == 7, () => $"{dashboard.Store.GetTrace(id)?.Spans.Count ?? 0} spans");
        Assert.Equal(3, dashboard.Store.QueryLogs(new LogQuery(TraceId: id)).Total);
    }

    [Fact]
    public async Task HttpJsonWithHexIdsAndUnquotedNanosIsStoredExactly()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        const string json = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"servicea"}}]},
             "scopeSpans":[{"scope":{"name":"t"},"spans":[{"traceId":"4BF92F3577B34DA6A3CE929D0E0E4736","spanId":"00f067aa0ba902b7",
             "name":"GET /lab/hops","kind":"SPAN_KIND_SERVER","startTimeUnixNano":1706425800000000001,"endTimeUnixNano":"1706425800142000003",
             "attributes":[{"key":"lab.link","value":{"stringValue":"privatelink"}}],"status":{"code":"STATUS_CODE_ERROR"}}]}]}]}
            """;

        using var response = await dashboard.PostOtlpAsync("/v1/traces", Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = Ids.Parse("1-4bf92f35-77b34da6a3ce929d0e0e4736");
        var span = Assert.Single(dashboard.Store.GetTrace(id)!.Spans);
        Assert.Equal(1706425800000000001UL, span.StartUnixNano);
        Assert.Equal(1706425800142000003UL, span.EndUnixNano);
        Assert.Equal("privatelink", span.Link);
        Assert.True(span.IsError);
        Assert.Equal((byte)2, span.Kind);
    }

    [Fact]
    public async Task SpansArrivingOutOfOrderInSeparateBatchesAssembleIntoOneTrace()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = Support.Otlp.NewTraceId();
        var root = Support.Otlp.NewSpanId();
        var child = Support.Otlp.NewSpanId();
        var grandchild = Support.Otlp.NewSpanId();

        dashboard.Store.AddTraces(Support.Otlp.Traces("servicec", Support.Otlp.Span(traceId, grandchild, child, "leaf", 5, 2)));
        dashboard.Store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(traceId, root, null, "root", 0, 20)));
        dashboard.Store.AddTraces(Support.Otlp.Traces("serviceb", Support.Otlp.Span(traceId, child, root, "middle", 2, 10)));

        var id = Ids.Parse(traceId);
        var trace = dashboard.Store.GetTrace(id)!;
        Assert.Equal(["root", "middle", "leaf"], trace.Spans.Select(s => s.Name));
        Assert.Equal("servicea: root", trace.Summary.Title);
        Assert.Equal(20, trace.Summary.DurationMs, 3);
        Assert.Equal(1, dashboard.Store.TraceCount);
    }

    [Fact]
    public async Task PartialSuccessReportsRejectedSpansAndKeepsTheRest()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var good = Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), name: "good");
        var bad = Support.Otlp.Span([1, 2, 3], Support.Otlp.NewSpanId(), name: "bad");

        using var response = await dashboard.PostOtlpAsync("/v1/traces", Support.Otlp.Traces("servicea", good, bad).ToByteArray(), "application/x-protobuf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, body.PartialSuccess.RejectedSpans);
        Assert.Contains("3 bytes", body.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, dashboard.Store.SpanCount);
    }

    [Fact]
    public async Task OtlpApiKeyIsRequiredWhenConfiguredAndTheSecondaryKeyWorks()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => { o.OtlpPrimaryApiKey = "primary"; o.OtlpSecondaryApiKey = "secondary"; });
        var body = Support.Otlp.Traces("servicea", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId())).ToByteArray();

        using (var none = await dashboard.PostOtlpAsync("/v1/traces", body, "application/x-protobuf"))
        using (var wrong = await dashboard.PostOtlpAsync("/v1/traces", body, "application/x-protobuf", "nope"))
        using (var secondary = await dashboard.PostOtlpAsync("/v1/traces", body, "application/x-protobuf", "secondary"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.OK, secondary.StatusCode);
        }

        using var channel = GrpcChannel.ForAddress(dashboard.Server.OtlpGrpcUrl);
        var client = new TraceService.TraceServiceClient(channel);
        var request = ExportTraceServiceRequest.Parser.ParseFrom(body);
        var denied = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(request, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, denied.StatusCode);
        var other = Support.Otlp.Traces("servicea", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId()));
        await client.ExportAsync(other, new Metadata { { "x-otlp-api-key", "primary" } }, DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(2, dashboard.Store.SpanCount);
    }

    [Fact]
    public async Task OversizedMessagesAreRejectedOnBothProtocols()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.MaxOtlpMessageBytes = 4096);
        var big = Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), name: new string('x', 10_000));
        var request = Support.Otlp.Traces("servicea", big);

        using var http = await dashboard.PostOtlpAsync("/v1/traces", request.ToByteArray(), "application/x-protobuf");
        using var channel = GrpcChannel.ForAddress(dashboard.Server.OtlpGrpcUrl);
        var grpc = await Assert.ThrowsAsync<RpcException>(() => new TraceService.TraceServiceClient(channel).ExportAsync(request, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, http.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, grpc.StatusCode);
        Assert.Equal(0, dashboard.Store.SpanCount);
    }

    [Fact]
    public async Task RandomBytesAsProtobufGet400AndTheDashboardStillAnswers()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var random = new byte[64 * 1024];
        new Random(7).NextBytes(random);

        using var response = await dashboard.PostOtlpAsync("/v1/traces", random, "application/x-protobuf");
        using var after = await dashboard.Api.GetAsync("/api/telemetry/resources");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task UndecodableGrpcRequestIsInvalidArgument()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var channel = GrpcChannel.ForAddress(dashboard.Server.OtlpGrpcUrl);
        var invoker = channel.CreateCallInvoker();
        var method = new Method<byte[], byte[]>(MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), [0x0a, 0xff, 0xff, 0x01]).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task EachEndpointAnswersOnlyOnItsOwnPort()
    {
        await using var dashboard = await TestDashboard.StartAsync(o => o.AllowAnonymous = true);
        var body = Support.Otlp.Traces("servicea", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId())).ToByteArray();

        using var onUi = await dashboard.Ui.PostAsync("/v1/traces", new ByteArrayContent(body));
        using var apiOnOtlp = await dashboard.Otlp.GetAsync("/api/telemetry/resources");
        using var uiOnOtlp = await dashboard.Otlp.GetAsync("/traces");

        Assert.Equal(HttpStatusCode.NotFound, onUi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOnOtlp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, uiOnOtlp.StatusCode);
    }

    [Fact]
    public async Task UnsupportedContentTypeGets415NamingTheAllowedTypes()
    {
        await using var dashboard = await TestDashboard.StartAsync();

        using var response = await dashboard.PostOtlpAsync("/v1/logs", Encoding.UTF8.GetBytes("hello"), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-protobuf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
