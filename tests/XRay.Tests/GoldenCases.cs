using TracingLab.XRay.Settings;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;
using TracingLab.XRay.Translation;
using static TracingLab.Otlp.Trace.V1.Span.Types;

namespace TracingLab.XRay.Tests;

/// <summary>One golden case: a span, its resource and the translator options.</summary>
public sealed record GoldenCase(string Name, Func<Span> Span, Func<Resource> Resource, XRayTranslatorOptions? Options = null)
{
    public override string ToString() => Name;
}

/// <summary>The golden cases, modelled on what the lab's three services emit.</summary>
public static class GoldenCases
{
    private const string Fargate = "arn:aws:ecs:eu-west-1:123456789012";

    public static Resource ServiceA() => Lab.Service("servicea",
        ("cloud.provider", "aws"), ("cloud.platform", "aws_ecs"), ("aws.ecs.launchtype", "fargate"),
        ("cloud.region", "eu-west-1"), ("cloud.availability_zone", "eu-west-1a"), ("cloud.account.id", "123456789012"),
        ("container.name", "servicea"), ("container.id", "7f3c1b2a9d"), ("aws.ecs.task.arn", Fargate + ":task/lab/0123abcd"),
        ("aws.ecs.cluster.arn", Fargate + ":cluster/lab"), ("aws.ecs.task.family", "servicea"), ("service.version", "1.4.0"));

    public static Resource ServiceB() => Lab.Service("serviceb",
        ("cloud.provider", "aws"), ("cloud.platform", "aws_eks"), ("k8s.cluster.name", "tracinglab"),
        ("k8s.pod.name", "serviceb-6d5f7c9b8-x2x7q"), ("k8s.namespace.name", "lab"), ("container.id", "c0ffee1234"));

    public static Resource ServiceC() => Lab.Service("servicec",
        ("cloud.provider", "aws"), ("cloud.platform", "aws_ec2"), ("host.id", "i-0abc123def4567890"),
        ("host.type", "t3.small"), ("host.image.id", "ami-0123456789abcdef0"), ("cloud.availability_zone", "eu-west-1c"));

    public static Resource Local(string name = "servicea") => Lab.Service(name);

    /// <summary>Exporter settings without the lab collector's renames: the exporter's own key cleaning decides.</summary>
    private static XRayTranslatorOptions Settings(string[] indexed, bool allowDot) =>
        new() { Exporter = new XRayExporterSettings { IndexedAttributes = indexed, AllowDot = allowDot } };

    private static Span ServerNew(string route, long status) =>
        Lab.Span("GET " + route, SpanKind.Server, 0x1001, 0xa001)
            .With("http.request.method", "GET").With("url.scheme", "http").With("url.path", route)
            .With("server.address", "servicea.lab").With("server.port", 8080L).With("http.route", route)
            .With("network.peer.address", "10.1.2.3").With("user_agent.original", "curl/8.5.0")
            .With("http.response.status_code", status).With("lab.link", "privatelink").With("lab.hop", 1L);

    private static Span ClientNew(string name, long? status)
    {
        var span = Lab.Span(name, SpanKind.Client, 0x2001, 0x1001)
            .With("http.request.method", "GET").With("url.full", "http://_privatelink.serviceb/analysis?order=42")
            .With("server.address", "serviceb.lab").With("server.port", 80L)
            .With("network.protocol.version", "1.1").With("lab.link", "privatelink").With("lab.hop", 2L);
        return status is { } code ? span.With("http.response.status_code", code) : span;
    }

    private const string DotnetStack =
        "System.InvalidOperationException: stock level unknown for sku 42\n" +
        "   at TracingLab.ServiceC.Inventory.StockStore.Get(Int32 sku) in /src/ServiceC.Ec2/Inventory/StockStore.cs:line 31\n" +
        "   at TracingLab.ServiceC.Inventory.InventoryApi.GetStock(Int32 sku, StockStore store) in /src/ServiceC.Ec2/Inventory/InventoryApi.cs:line 18\n" +
        "   at lambda_method12(Closure, Object, HttpContext)\n" +
        "   at Microsoft.AspNetCore.Routing.EndpointMiddleware.Invoke(HttpContext httpContext)";

    public static IEnumerable<GoldenCase> All()
    {
        yield return new("server_new_semconv_ecs_fargate", () => ServerNew("/lab/hops", 200), ServiceA);
        yield return new("server_old_semconv", () =>
            Lab.Span("HTTP GET", SpanKind.Server, 0x1002, 0xa002)
                .With("http.method", "GET").With("http.scheme", "http").With("http.host", "servicec.lab:8080")
                .With("http.target", "/inventory/42?fresh=1").With("http.user_agent", "HttpClient")
                .With("net.peer.ip", "10.3.0.7").With("http.status_code", 200L).With("http.flavor", "1.1"), ServiceC);
        yield return new("server_forwarded_client_ip", () =>
            Lab.Span("POST /orders", SpanKind.Server, 0x1003)
                .With("http.request.method", "POST").With("url.path", "/orders").With("url.query", "dry=true")
                .With("client.address", "203.0.113.9").With("server.address", "servicea.lab").With("http.response.status_code", 201L), ServiceA);
        yield return new("client_new_semconv_no_peer_service", () => ClientNew("GET", 200), ServiceA);
        yield return new("client_peer_service", () => ClientNew("GET", 200).With("peer.service", "serviceb"), ServiceA);
        yield return new("client_old_semconv_net_peer_name", () =>
            Lab.Span("HTTP GET", SpanKind.Client, 0x2002, 0x1002)
                .With("http.method", "GET").With("net.peer.name", "servicec.lab").With("net.peer.port", 8080L)
                .With("http.target", "/inventory/42").With("http.status_code", 200L), ServiceB);
        yield return new("internal_subsegment", () =>
            Lab.Span("compute-route", SpanKind.Internal, 0x3001, 0x1001).With("lab.link", "peering").With("route.hops", 3L), ServiceA);
        yield return new("internal_root_is_segment", () =>
            Lab.Span("warm-up", SpanKind.Internal, 0x3002).With("cache.entries", 128L), () => Local());
        yield return new("producer_subsegment", () =>
            Lab.Span("orders publish", SpanKind.Producer, 0x4001, 0x1001)
                .With("messaging.system", "aws_sqs").With("messaging.destination.name", "lab-orders")
                .With("messaging.url", "https://sqs.eu-west-1.amazonaws.com/123456789012/lab-orders"), ServiceA);
        yield return new("consumer_subsegment", () =>
            Lab.Span("lab-orders process", SpanKind.Consumer, 0x4002, 0x4001)
                .With("messaging.system", "aws_sqs").With("messaging.operation", "process"), ServiceB);
        yield return new("status_404_error", () => ServerNew("/inventory/9999", 404), ServiceC);
        yield return new("status_429_throttle", () => ClientNew("GET", 429).With("peer.service", "servicec"), ServiceB);
        yield return new("status_503_fault", () => ServerNew("/analysis", 503).WithStatus(Status.Types.StatusCode.Error), ServiceB);
        yield return new("status_error_without_http", () =>
            Lab.Span("reserve-stock", SpanKind.Internal, 0x3003, 0x1001)
                .WithStatus(Status.Types.StatusCode.Error, "reservation timed out").With("http.status_text", "ignored"), ServiceC);
        yield return new("exception_dotnet_stack", () =>
            ServerNew("/inventory/42", 500).WithStatus(Status.Types.StatusCode.Error)
                .WithException("System.InvalidOperationException", "stock level unknown for sku 42", DotnetStack), ServiceC);
        yield return new("exception_on_client_is_remote", () =>
            ClientNew("GET", null).With("peer.service", "servicec").WithStatus(Status.Types.StatusCode.Error)
                .WithException("System.Net.Http.HttpRequestException", "Connection refused (servicec.lab:80)"), ServiceB);
        yield return new("unicode", () =>
            Lab.Span("GET /bestellung/größe 🚀", SpanKind.Server, 0x1004)
                .With("http.request.method", "GET").With("url.path", "/bestellung/größe")
                .With("http.response.status_code", 200L).With("kunde.名前", "Zoë 😀").With("lab.link", "tgw·éß"),
            () => Lab.Service("service-ä", ("deployment.environment", "prüfung")),
            Settings(["lab.link", "kunde.名前"], allowDot: false));
        yield return new("oversized_attribute_trimmed", () =>
            ServerNew("/lab/hops", 200).With("request.body", new string('x', 70_000)).With("small", "kept"), ServiceA);
        yield return new("oversized_annotation_value", () =>
            Lab.Span("GET", SpanKind.Server, 0x1005).With("lab.link", new string('p', 1500)).With("lab.hop", 1L), () => Local());
        yield return new("ecs_ec2_launch_type", () => ServerNew("/lab/hops", 200), () => Lab.Service("servicea",
            ("cloud.provider", "aws"), ("cloud.platform", "aws_ecs"), ("aws.ecs.launchtype", "ec2"),
            ("container.name", "servicea"), ("aws.ecs.task.arn", Fargate + ":task/lab/0456"), ("aws.ecs.cluster.arn", Fargate + ":cluster/lab"),
            ("aws.log.group.arns", new object[] { "arn:aws:logs:eu-west-1:123456789012:log-group:/lab/servicea:*" })));
        yield return new("ecs_without_launch_type", () => ServerNew("/lab/hops", 200), () => Lab.Service("servicea",
            ("cloud.provider", "aws"), ("cloud.platform", "aws_ecs"), ("aws.log.group.names", "/lab/servicea")));
        yield return new("eks_server", () => ServerNew("/analysis", 200), ServiceB);
        yield return new("ec2_server", () => ServerNew("/inventory/42", 200), ServiceC);
        yield return new("annotation_key_sanitising", () =>
            Lab.Span("GET", SpanKind.Server, 0x1006).With("lab.link", "privatelink").With("order-id", 42L)
                .With("weird key!", true).With("price", 9.5).With("lab_link", "duplicate-after-cleaning"),
            () => Local(), Settings(["lab.link", "order-id", "weird key!", "price"], allowDot: false));
        yield return new("annotation_keys_keep_dots", () =>
            Lab.Span("GET", SpanKind.Server, 0x1007).With("lab.link", "privatelink").With("lab.hop", 3L),
            () => Local(), Settings(["lab.link", "lab.hop"], allowDot: true));
        yield return new("index_all_attributes", () =>
            Lab.Span("GET", SpanKind.Server, 0x1008).With("lab.link", "tgw").With("tags", new object[] { "a", "b" })
                .With("http.request.method", "GET").With("enduser.id", "user-7"),
            () => Lab.Resource(("service.name", "servicea")), new XRayTranslatorOptions { Exporter = XRayExporterSettings.Lab with { IndexAllAttributes = true } });
        yield return new("aws_sdk_call", () =>
            Lab.Span("DynamoDB.GetItem", SpanKind.Client, 0x2003, 0x1001)
                .With("rpc.system", "aws-api").With("rpc.service", "DynamoDB").With("rpc.method", "GetItem")
                .With("aws.region", "eu-west-1").With("aws.request_id", "R3Q1D").With("aws.dynamodb.table_names", new object[] { "lab-stock" })
                .With("aws.xray.annotations", new object[] { "db.table" }).With("db.table", "lab-stock"), ServiceC);
        yield return new("non_aws_cloud_has_no_aws_block", () => ServerNew("/lab/hops", 200),
            () => Lab.Service("servicea", ("cloud.provider", "gcp"), ("cloud.platform", "gcp_kubernetes_engine")));
        yield return new("metadata_namespace_attribute", () =>
            Lab.Span("GET", SpanKind.Server, 0x1009).With("aws.xray.metadata.lab", "{\"path\":[\"a\",\"b\",\"c\"],\"retries\":0}")
                .With("aws.xray.metadata.broken", "{not json").With("bytes", new byte[] { 1, 2, 3 }), () => Local());
        yield return new("trace_id_at_age_limit", () =>
            Lab.Span("GET", SpanKind.Server, 0x100a, traceId: Lab.TraceId(Lab.Now.ToUnixTimeSeconds() - (28 * 86400))), () => Local());
        yield return new("trace_id_at_future_limit", () =>
            Lab.Span("GET", SpanKind.Server, 0x100b, traceId: Lab.TraceId(Lab.Now.ToUnixTimeSeconds() + 300)), () => Local());
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All())
        {
            data.Add(c.Name);
        }
        return data;
    }

    public static GoldenCase Get(string name) => All().Single(c => c.Name == name);
}
