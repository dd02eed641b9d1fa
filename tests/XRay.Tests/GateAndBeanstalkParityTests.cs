using System.Text.Json;
using TracingLab.XRay.Settings;
using TracingLab.XRay.Translation;
using static TracingLab.Otlp.Trace.V1.Span.Types;

namespace TracingLab.XRay.Tests;

/// <summary>The exporter's Elastic Beanstalk block (aws.go) and its semantic-convention feature gates (http.go, sql.go),
/// each test naming the exporter test or code it follows; payloads are the lab's own.</summary>
public class GateAndBeanstalkParityTests
{
    private static JsonElement One(TracingLab.Otlp.Trace.V1.Span span, XRayExporterSettings? settings = null,
        TracingLab.Otlp.Resource.V1.Resource? resource = null) =>
        JsonDocument.Parse(Lab.Translator(new XRayTranslatorOptions { Exporter = settings ?? XRayExporterSettings.Lab })
            .Translate(span, resource).Document!).RootElement;

    // aws_test.go TestAwsFromBeanstalkResource: environment from service.namespace, version label from
    // service.version, deployment id from service.instance.id as a number.
    [Fact]
    public void BeanstalkResourceGivesTheElasticBeanstalkBlock()
    {
        var resource = Lab.Resource(("cloud.provider", "aws"), ("cloud.platform", "aws_elastic_beanstalk"),
            ("service.namespace", "lab-prod"), ("service.instance.id", "57"), ("service.version", "v7"));

        var doc = One(Lab.Span("GET /", SpanKind.Server, 1), resource: resource);

        Assert.Equal("AWS::ElasticBeanstalk::Environment", doc.GetProperty("origin").GetString());
        Assert.Equal("""{"environment_name":"lab-prod","version_label":"v7","deployment_id":57}""",
            doc.GetProperty("aws").GetProperty("elastic_beanstalk").GetRawText());
    }

    // aws.go makeAws: a deployment id that is not a number is 0; without service.instance.id there is no block.
    [Theory]
    [InlineData("a1b2c3d4", 0L)]
    [InlineData(null, null)]
    public void BeanstalkDeploymentIdIsANumberOrZero(string? instance, long? deployment)
    {
        (string, object)[] attributes = instance is null
            ? [("cloud.platform", "aws_elastic_beanstalk")]
            : [("cloud.platform", "aws_elastic_beanstalk"), ("service.instance.id", instance)];

        var aws = One(Lab.Span("GET /", SpanKind.Server, 1), resource: Lab.Resource(attributes)).GetProperty("aws");

        Assert.Equal(deployment, aws.TryGetProperty("elastic_beanstalk", out var ebs) ? ebs.GetProperty("deployment_id").GetInt64() : null);
    }

    private static TracingLab.Otlp.Trace.V1.Span V1DbSpan() =>
        Lab.Span("SELECT stock", SpanKind.Client, 2, 1).With("db.system.name", "postgresql").With("db.namespace", "inventory")
            .With("db.query.text", "SELECT * FROM stock").With("user.name", "reader");

    // sql.go makeSQL with EmitV1DBConventions off (the default): the semconv 1.38 keys are plain metadata.
    [Fact]
    public void V1DbKeysAreMetadataByDefault()
    {
        var doc = One(V1DbSpan());

        Assert.False(doc.TryGetProperty("sql", out _));
        Assert.Equal("inventory", doc.GetProperty("metadata").GetProperty("default").GetProperty("db.namespace").GetString());
    }

    // sql.go makeSQL / isSQL with EmitV1DBConventions on: db.namespace, db.system.name, db.query.text, user.name
    // fill the sql block, and the 1.38 system names (microsoft.sql_server…) count as SQL.
    [Theory]
    [InlineData("postgresql")]
    [InlineData("microsoft.sql_server")]
    public void V1DbKeysFillTheSqlBlockWithTheGate(string system)
    {
        var span = V1DbSpan();
        span.Attributes[0].Value = Lab.Any(system);

        var doc = One(span, XRayExporterSettings.Lab with { EmitV1DbConventions = true });

        Assert.Equal($$"""{"connection_string":"localhost/inventory","url":"SELECT stock","sanitized_query":"SELECT * FROM stock","database_type":"{{system}}","user":"reader"}""",
            doc.GetProperty("sql").GetRawText());
        Assert.False(doc.TryGetProperty("metadata", out _));
    }

    // sql.go makeSQL with DontEmitV0DBConventions: the 1.12 keys no longer make an sql block and stay metadata;
    // segment.go still names the segment db.name@host.
    [Fact]
    public void V0DbKeysAreMetadataWithTheDontEmitGate()
    {
        var span = Lab.Span("SELECT stock", SpanKind.Client, 2, 1).With("db.system", "mysql").With("db.name", "inventory")
            .With("db.connection_string", "jdbc:mysql://db.lab:3306");

        var doc = One(span, XRayExporterSettings.Lab with { DontEmitV0DbConventions = true });

        Assert.False(doc.TryGetProperty("sql", out _));
        Assert.Equal("inventory@db.lab", doc.GetProperty("name").GetString());
        Assert.Equal("mysql", doc.GetProperty("metadata").GetProperty("default").GetProperty("db.system").GetString());
    }

    // http.go constructClientURL: network.peer.port gives the port only with EmitV1HTTPNetworkConventions.
    [Theory]
    [InlineData(false, "http://stock.lab/stock")]
    [InlineData(true, "http://stock.lab:8443/stock")]
    public void NetworkPeerPortNeedsTheEmitV1Gate(bool gate, string url)
    {
        var span = Lab.Span("GET", SpanKind.Client, 2, 1).With("http.request.method", "GET").With("server.address", "stock.lab")
            .With("network.peer.port", 8443L).With("url.path", "/stock");

        var doc = One(span, XRayExporterSettings.Lab with { EmitV1HttpNetworkConventions = gate });

        Assert.Equal(url, doc.GetProperty("http").GetProperty("request").GetProperty("url").GetString());
        Assert.Equal(!gate, doc.TryGetProperty("metadata", out var metadata) && metadata.GetProperty("default").TryGetProperty("network.peer.port", out _));
    }

    // http.go makeHTTP with DontEmitV0HTTPNetworkConventions: http.method and http.status_code stay metadata; the
    // new keys still make the block.
    [Fact]
    public void V0HttpKeysAreMetadataWithTheDontEmitGate()
    {
        var span = Lab.Span("GET /", SpanKind.Server, 1).With("http.method", "GET").With("http.status_code", 500L)
            .With("http.request.method", "POST");

        var doc = One(span, XRayExporterSettings.Lab with { DontEmitV0HttpNetworkConventions = true });

        Assert.Equal("POST", doc.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        Assert.Equal(500, doc.GetProperty("metadata").GetProperty("default").GetProperty("http.status_code").GetInt64());
    }

    // The lab's collectors run the exporter without --feature-gates, so the lab's settings keep every gate at its
    // upstream default (allowDot on, the semconv gates off); Deploy.Cdk would have to pass them otherwise.
    [Fact]
    public void LabSettingsKeepTheExporterGatesAtTheirDefaults()
    {
        var lab = XRayExporterSettings.Lab;

        Assert.True(lab.AllowDot);
        Assert.False(lab.EmitV1HttpNetworkConventions || lab.DontEmitV0HttpNetworkConventions || lab.EmitV1DbConventions || lab.DontEmitV0DbConventions);
    }
}
