using System.Text.Json;
using TracingLab.XRay.Settings;
using TracingLab.XRay.Translation;
using static TracingLab.Otlp.Trace.V1.Span.Types;

namespace TracingLab.XRay.Tests;

/// <summary>
/// Behaviour of the current awsxray exporter (opentelemetry-collector-contrib exporter/awsxrayexporter/internal/translator),
/// each test naming the exporter test it follows; payloads are the lab's own.
/// </summary>
public class ExporterParityTests
{
    private const string JavaStack =
        "java.lang.IllegalStateException: order store closed\n" +
        "\tat lab.orders.Store.get(Store.java:41)\n" +
        "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n" +
        "Caused by: java.io.IOException: disk gone";

    private static JsonElement Doc(SpanTranslation t) => JsonDocument.Parse(t.Document!).RootElement;

    private static JsonElement One(TracingLab.Otlp.Trace.V1.Span span, TracingLab.Otlp.Resource.V1.Resource? resource = null) =>
        Doc(Lab.Translator().Translate(span, resource));

    // http.go constructServerURL (url.query kept as given when it already starts with '?');
    // http_test.go TestServerSpanWithSchemeHostTargetAttributesStable's family of new-semconv URL tests.
    [Theory]
    [InlineData("?q=socks", "http://shop.lab:8080/search?q=socks")]
    [InlineData("q=socks", "http://shop.lab:8080/search?q=socks")]
    public void ServerUrlJoinsPathAndQueryWithOneQuestionMark(string query, string url)
    {
        var span = Lab.Span("GET /search", SpanKind.Server, 1).With("http.request.method", "GET").With("url.scheme", "http")
            .With("server.address", "shop.lab").With("server.port", 8080L).With("url.path", "/search").With("url.query", query);

        Assert.Equal(url, One(span).GetProperty("http").GetProperty("request").GetProperty("url").GetString());
    }

    // http.go constructClientURL: the host falls back to server.address, the port only to net.peer.port.
    [Fact]
    public void ClientUrlUsesServerAddressButNotServerPort()
    {
        var span = Lab.Span("GET", SpanKind.Client, 2, 1).With("http.request.method", "GET")
            .With("server.address", "stock.lab").With("server.port", 8443L).With("url.path", "/stock");

        Assert.Equal("http://stock.lab/stock", One(span).GetProperty("http").GetProperty("request").GetProperty("url").GetString());
    }

    // cause_test.go TestCauseWithExceptions: two exception events, the first with a Java "Caused by:" → 3 exceptions.
    [Fact]
    public void EveryExceptionEventAndChainedCauseIsKept()
    {
        var span = Lab.Span("GET /orders", SpanKind.Server, 3).WithStatus(Otlp.Trace.V1.Status.Types.StatusCode.Error, "boom")
            .WithException("java.lang.IllegalStateException", "order store closed", JavaStack).WithException("EmptyError", "");

        var exceptions = One(span, Lab.Resource(("telemetry.sdk.language", "java"))).GetProperty("cause").GetProperty("exceptions");

        Assert.Equal(3, exceptions.GetArrayLength());
        Assert.Equal(2, exceptions[0].GetProperty("stack").GetArrayLength());
        Assert.Equal("lab.orders.Store.get", exceptions[0].GetProperty("stack")[0].GetProperty("label").GetString());
        Assert.Equal(exceptions[1].GetProperty("id").GetString(), exceptions[0].GetProperty("cause").GetString());
        Assert.Equal("java.io.IOException", exceptions[1].GetProperty("type").GetString());
        Assert.Equal("disk gone", exceptions[1].GetProperty("message").GetString());
        Assert.Equal("EmptyError", exceptions[2].GetProperty("type").GetString());
    }

    // cause_test.go TestCauseExceptionWithoutError: exception events on a span whose status is Unset or Ok are kept,
    // and the span is not a fault.
    [Fact]
    public void ExceptionEventsOnANonErrorSpanAreKept()
    {
        var doc = One(Lab.Span("GET /orders", SpanKind.Server, 4).WithException("System.TimeoutException", "retrying"));

        Assert.False(doc.GetProperty("fault").GetBoolean());
        Assert.Equal("retrying", doc.GetProperty("cause").GetProperty("exceptions")[0].GetProperty("message").GetString());
    }

    // cause_test.go TestMakeCauseAwsSdkSpan: an AWS SDK span's "HTTP request failure" event is a remote exception.
    [Fact]
    public void AwsSdkHttpFailureEventIsARemoteException()
    {
        var span = Lab.Span("SQS.SendMessage", SpanKind.Client, 5, 1).With("rpc.system", "aws-api");
        var e = new Event { Name = "HTTP request failure", TimeUnixNano = 1_696_954_761_000_001_000UL };
        e.Attributes.Add(Lab.Kv("http.response.status_code", "503"));
        e.Attributes.Add(Lab.Kv("aws.http.error_message", "service is temporarily unavailable"));
        span.Events.Add(e);

        var exception = One(span).GetProperty("cause").GetProperty("exceptions")[0];

        Assert.Equal("aws.http.error.event", exception.GetProperty("type").GetString());
        Assert.True(exception.GetProperty("remote").GetBoolean());
        Assert.Equal("503@1696954761.000001@service is temporarily unavailable", exception.GetProperty("message").GetString());
    }

    // sql_test.go TestClientSpanWithStatementAttribute; segment.go's db.name@host naming.
    [Fact]
    public void SqlClientSpanGetsAnSqlBlockAndDbAtHostName()
    {
        var doc = One(SqlSpan("postgresql", "postgresql://orders-db.lab:5432"));
        var sql = doc.GetProperty("sql");

        Assert.Equal("orders@orders-db.lab", doc.GetProperty("name").GetString());
        Assert.Equal("postgresql://orders-db.lab:5432/orders", sql.GetProperty("connection_string").GetString());
        Assert.Equal("SELECT orders", sql.GetProperty("url").GetString());
        Assert.Equal("SELECT * FROM orders WHERE id = ?", sql.GetProperty("sanitized_query").GetString());
        Assert.Equal("postgresql", sql.GetProperty("database_type").GetString());
        Assert.Equal("reader", sql.GetProperty("user").GetString());
        Assert.False(doc.TryGetProperty("metadata", out _));
    }

    // sql_test.go TestClientSpanWithoutDBurlAttribute: no connection string → "localhost/{db}".
    [Fact]
    public void SqlWithoutConnectionStringIsLocalhost() =>
        Assert.Equal("localhost/orders", One(SqlSpan("mysql", "")).GetProperty("sql").GetProperty("connection_string").GetString());

    // sql_test.go TestClientSpanWithNonSQLDatabase: redis gets no sql block and keeps its db.* metadata.
    [Fact]
    public void NonSqlDatabaseHasNoSqlBlock()
    {
        var doc = One(SqlSpan("redis", "redis://cache.lab:6379"));

        Assert.False(doc.TryGetProperty("sql", out _));
        Assert.Equal("redis", doc.GetProperty("metadata").GetProperty("default").GetProperty("db.system").GetString());
    }

    // segment_test.go TestLocalRootClient (validateLocalRootDependencySubsegment, validateLocalRootServiceSegment).
    [Fact]
    public void LocalRootClientIsAServiceSegmentAndADependencySubsegment()
    {
        var span = LocalRootSpan(SpanKind.Client);
        var options = new XRayTranslatorOptions { Exporter = new XRayExporterSettings { IndexedAttributes = ["aws.remote.service", "order.id"], AllowDot = false } };

        var docs = Lab.Translator(options).TranslateSpan(span, Lab.Service("servicea")).Select(Doc).ToList();

        Assert.Equal(2, docs.Count);
        var (dependency, service) = (docs[0], docs[1]);
        Assert.Equal("subsegment", dependency.GetProperty("type").GetString());
        Assert.Equal("inventory", dependency.GetProperty("name").GetString());
        Assert.Equal("remote", dependency.GetProperty("namespace").GetString());
        Assert.Equal("0000000000000009", dependency.GetProperty("id").GetString());
        Assert.Equal(service.GetProperty("id").GetString(), dependency.GetProperty("parent_id").GetString());
        Assert.Equal("POST", dependency.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        Assert.Equal("inventory", dependency.GetProperty("annotations").GetProperty("aws_remote_service").GetString());
        Assert.Equal("Reserve", dependency.GetProperty("aws").GetProperty("operation").GetString());

        Assert.False(service.TryGetProperty("type", out _));
        Assert.False(service.TryGetProperty("namespace", out _));
        Assert.False(service.TryGetProperty("http", out _));
        Assert.Equal("orders", service.GetProperty("name").GetString());
        Assert.Equal("0000000000000001", service.GetProperty("parent_id").GetString());
        Assert.NotEqual("0000000000000009", service.GetProperty("id").GetString());
        Assert.Equal(["order_id"], service.GetProperty("annotations").EnumerateObject().Select(a => a.Name));
        Assert.False(service.GetProperty("aws").TryGetProperty("operation", out _));
        Assert.Equal(["otel.resource.attributes"], service.GetProperty("metadata").GetProperty("default").EnumerateObject().Select(m => m.Name));
        Assert.Equal(dependency.GetProperty("start_time").GetDouble(), service.GetProperty("start_time").GetDouble());
    }

    // segment_test.go TestLocalRootServer / TestLocalRootInternal: one segment, no type, no namespace; INTERNAL is
    // named after aws.local.service.
    [Theory]
    [InlineData(SpanKind.Server)]
    [InlineData(SpanKind.Internal)]
    public void LocalRootServerOrInternalIsOneSegment(SpanKind kind)
    {
        var results = Lab.Translator().TranslateSpan(LocalRootSpan(kind), null);

        var doc = Doc(Assert.Single(results));
        Assert.False(doc.TryGetProperty("type", out _));
        Assert.False(doc.TryGetProperty("namespace", out _));
        Assert.Equal("orders", doc.GetProperty("name").GetString());
        Assert.Equal("0000000000000001", doc.GetProperty("parent_id").GetString());
    }

    // segment_test.go TestNotLocalRootClient: another aws.span.kind keeps the usual single subsegment.
    [Fact]
    public void ClientThatIsNotALocalRootStaysOneSubsegment()
    {
        var span = LocalRootSpan(SpanKind.Client);
        span.Attributes.Single(a => a.Key == "aws.span.kind").Value = Lab.Any("CLIENT");

        var doc = Doc(Assert.Single(Lab.Translator().TranslateSpan(span, null)));

        Assert.Equal("inventory", doc.GetProperty("name").GetString());
        Assert.Equal("remote", doc.GetProperty("namespace").GetString());
    }

    // segment.go makeXRayAttributes (value.AsRaw() is nil for an empty value) as in segment_test.go
    // TestSpanWithAttributesDefaultNotIndexed: empty values are left out of metadata; an empty string is kept.
    [Fact]
    public void EmptyValuesAreLeftOutOfMetadata()
    {
        var span = Lab.Span("GET", SpanKind.Server, 6).With("note", "");
        span.Attributes.Add(new Otlp.Common.V1.KeyValue { Key = "nothing", Value = new Otlp.Common.V1.AnyValue() });
        span.Attributes.Add(new Otlp.Common.V1.KeyValue { Key = "missing" });

        var metadata = One(span).GetProperty("metadata").GetProperty("default");

        Assert.Equal(["note"], metadata.EnumerateObject().Select(m => m.Name));
        Assert.Equal("", metadata.GetProperty("note").GetString());
    }

    // segment.go makeXRayAttributes: an indexed list cannot be an annotation and is dropped, as the exporter does.
    [Fact]
    public void IndexedListIsDroppedAndReported()
    {
        var span = Lab.Span("GET", SpanKind.Server, 7).With("lab_link", new object[] { "a", "b" });

        var result = Lab.Translator().Translate(span, null);

        Assert.False(Doc(result).TryGetProperty("annotations", out _));
        Assert.Contains(result.Adjustments, a => a.Contains("'lab_link' is indexed but not a string"));
    }

    private static TracingLab.Otlp.Trace.V1.Span SqlSpan(string system, string connection) =>
        Lab.Span("SELECT orders", SpanKind.Client, 8, 1).With("db.system", system).With("db.name", "orders")
            .With("db.statement", "SELECT * FROM orders WHERE id = ?").With("db.user", "reader")
            .With("db.connection_string", connection).With("server.address", "orders-db.lab");

    private static TracingLab.Otlp.Trace.V1.Span LocalRootSpan(SpanKind kind) =>
        Lab.Span("POST /reserve", kind, 9, 1).With("http.request.method", "POST").With("aws.span.kind", "LOCAL_ROOT")
            .With("aws.local.service", "orders").With("aws.remote.service", "inventory").With("aws.remote.operation", "POST /reserve")
            .With("remoteTarget", "stock").With("aws.operation", "Reserve").With("order.id", "42")
            .With("otel.resource.attributes", "service.name=orders");
}
