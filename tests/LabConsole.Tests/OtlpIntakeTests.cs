using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Hosting;
using TracingLab.LabConsole.Intake;
using TracingLab.LabConsole.Tests.Support;
using TracingLab.Otlp.Collector.Trace.V1;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Resource.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.LabConsole.Tests;

public class OtlpIntakeTests
{
    private const string IntakeKey = FakeAspireDashboard.OtlpApiKey;

    private static Task<TestConsole> StartForwardingAsync(FakeAspireDashboard dashboard, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LabConsole:DashboardOtlpUrl"] = dashboard.Url.GetLeftPart(UriPartial.Authority),
            ["LabConsole:OtlpApiKey"] = IntakeKey,
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return TestConsole.StartAsync(dashboard.Url, settings: settings);
    }

    /// <summary>One servicea server span with every kind of attribute value, and an int resource attribute.</summary>
    private static ExportTraceServiceRequest TypedSpan(LabHops ids)
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(ids.TraceId),
            SpanId = ByteString.CopyFrom([1, 2, 3, 4, 5, 6, 7, 8]),
            Name = "GET /lab/typed",
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = ids.StartUnixNano,
            EndTimeUnixNano = ids.StartUnixNano + 5_000_000,
            Attributes =
            {
                Kv("http.response.status_code", new AnyValue { IntValue = 200 }),
                Kv("lab.hop", new AnyValue { IntValue = 2 }),
                Kv("lab.ratio", new AnyValue { DoubleValue = 0.25 }),
                Kv("lab.cached", new AnyValue { BoolValue = true }),
                Kv("lab.items", new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "a" }, new AnyValue { IntValue = 7 } } } }),
                Kv("lab.empty", new AnyValue { StringValue = "" }),
                new KeyValue { Key = "lab.null" },
            },
        };
        var resource = new Resource
        {
            Attributes =
            {
                Kv("service.name", new AnyValue { StringValue = "servicea" }),
                Kv("lab.replicas", new AnyValue { IntValue = 3 }),
            },
        };
        return new ExportTraceServiceRequest
        {
            ResourceSpans = { new ResourceSpans { Resource = resource, ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "lab" }, Spans = { span } } } } },
        };
    }

    private static KeyValue Kv(string key, AnyValue value) => new() { Key = key, Value = value };

    private static async Task<HttpResponseMessage> PostAsync(TestConsole console, string path, byte[] body, string contentType = "application/x-protobuf", string? key = IntakeKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(console.Url, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
        {
            request.Headers.Add("x-otlp-api-key", key);
        }

        using var http = new HttpClient { Timeout = TestConsole.Timeout };
        return await http.SendAsync(request).WaitAsync(TestConsole.Timeout);
    }

    [Fact]
    public async Task TypedSpanPostedToTheIntakeComesOutAsSentInBothViewsAndReachesTheDashboardByteForByte()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await StartForwardingAsync(dashboard);
        var ids = new LabHops();
        var body = TypedSpan(ids).ToByteArray();

        using (var posted = await PostAsync(console, "/v1/traces", body))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var forwarded = Assert.Single(dashboard.OtlpRequests);
        Assert.Equal("/v1/traces", forwarded.Path);
        Assert.Equal("application/x-protobuf", forwarded.ContentType);
        Assert.Equal(body, forwarded.Body);

        using var spansResponse = await console.Api.GetAsync(new Uri($"/api/xray/traces/{ids.XRayTraceId}/spans", UriKind.Relative)).WaitAsync(TestConsole.Timeout);
        var spansText = await spansResponse.Content.ReadAsStringAsync();
        Assert.True(spansResponse.IsSuccessStatusCode, spansText);
        Assert.Equal("intake", spansResponse.Headers.GetValues("x-lab-trace-source").Single());
        var spans = JsonNode.Parse(spansText)!;
        Assert.Equal(ids.OtelTraceId, (string?)spans["traceId"]);
        var record = spans["spans"]!.AsArray().Single()!;
        var attributes = record["attributes"]!.AsObject();
        Assert.Equal(JsonValueKind.Number, attributes["http.response.status_code"]!.GetValueKind());
        Assert.Equal(200, (int)attributes["http.response.status_code"]!);
        Assert.Equal(0.25, (double)attributes["lab.ratio"]!);
        Assert.Equal(JsonValueKind.True, attributes["lab.cached"]!.GetValueKind());
        Assert.Equal("[\"a\",7]", attributes["lab.items"]!.ToJsonString());
        Assert.Equal(JsonValueKind.String, attributes["lab.empty"]!.GetValueKind());
        Assert.Equal("", (string?)attributes["lab.empty"]);
        Assert.True(attributes.ContainsKey("lab.null"), spansText);
        Assert.Null(attributes["lab.null"]);
        Assert.False(attributes.ContainsKey("lab.absent"));
        var resourceReplicas = record["notDocumented"]!["resource"]!["attributes"]!["lab.replicas"]!;
        Assert.Equal(JsonValueKind.Number, resourceReplicas.GetValueKind());
        Assert.Equal(3, (int)resourceReplicas);

        var (status, documents, text) = await console.GetAsync($"/api/xray/traces/{ids.OtelTraceId}");
        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        var segment = documents!["documents"]!.AsArray().Single()!;
        Assert.Equal(2, (int)segment["annotations"]!["lab_hop"]!);
        Assert.Equal(200, (int)segment["http"]!["response"]!["status"]!);
        var metadata = segment["metadata"]!["default"]!.AsObject();
        Assert.Equal("[\"a\",7]", metadata["lab.items"]!.ToJsonString());
        Assert.Equal(0.25, (double)metadata["lab.ratio"]!);
        Assert.Equal(JsonValueKind.True, metadata["lab.cached"]!.GetValueKind());
        Assert.Equal("", (string?)metadata["lab.empty"]);
        Assert.False(metadata.ContainsKey("lab.null"), "a key sent without a value has no metadata entry (the exporter skips empty values): " + text);
        Assert.Equal(JsonValueKind.Number, metadata["otel.resource.lab.replicas"]!.GetValueKind());
        Assert.Equal(3, (int)metadata["otel.resource.lab.replicas"]!);
        Assert.DoesNotContain(dashboard.Requests, r => r.StartsWith("/api/telemetry/traces/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/v1/logs", "application/x-protobuf", null)]
    [InlineData("/v1/metrics", "application/x-protobuf", "gzip")]
    [InlineData("/v1/traces", "application/json", null)]
    public async Task EveryRequestIsForwardedUnchangedWithItsContentTypeAndEncoding(string path, string contentType, string? encoding)
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await StartForwardingAsync(dashboard);
        // Bytes the console need not understand: the dashboard, not the console, judges what the services send.
        var body = "{\"resourceLogs\":[]}\u0001\u0002"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(console.Url, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (encoding is not null)
        {
            request.Content.Headers.ContentEncoding.Add(encoding);
        }

        request.Headers.Add("x-otlp-api-key", IntakeKey);
        using var http = new HttpClient { Timeout = TestConsole.Timeout };
        using var response = await http.SendAsync(request).WaitAsync(TestConsole.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(dashboard.OtlpRequests);
        Assert.Equal(path, forwarded.Path);
        Assert.Equal(contentType, forwarded.ContentType);
        Assert.Equal(encoding, forwarded.ContentEncoding);
        Assert.Equal(body, forwarded.Body);
    }

    [Fact]
    public async Task IntakeWithoutTheOtlpKeyIs401AndNothingIsForwarded()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await StartForwardingAsync(dashboard);

        using var missing = await PostAsync(console, "/v1/traces", TypedSpan(new LabHops()).ToByteArray(), key: null);
        using var wrong = await PostAsync(console, "/v1/traces", TypedSpan(new LabHops()).ToByteArray(), key: "not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(dashboard.OtlpRequests);
    }

    [Fact]
    public async Task DashboardUnreachableIsA503SoTheExporterRetries()
    {
        FakeAspireDashboard stopped;
        Uri url;
        await using (stopped = await FakeAspireDashboard.StartAsync())
        {
            url = stopped.Url;
        }

        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: new Dictionary<string, string?>
        {
            ["LabConsole:DashboardOtlpUrl"] = url.GetLeftPart(UriPartial.Authority),
            ["LabConsole:OtlpApiKey"] = IntakeKey,
        });

        using var response = await PostAsync(console, "/v1/traces", TypedSpan(new LabHops()).ToByteArray());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task WithoutTheIntakeTheSpansViewComesFromTheDashboardAndSaysSo()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await StartForwardingAsync(dashboard);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        using var response = await console.Api.GetAsync(new Uri($"/api/xray/traces/{hops.OtelTraceId}/spans", UriKind.Relative)).WaitAsync(TestConsole.Timeout);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("aspire-dashboard", response.Headers.GetValues("x-lab-trace-source").Single());
        Assert.Equal(LabHops.SpanCount, JsonNode.Parse(text)!["spans"]!.AsArray().Count);
    }

    [Fact]
    public async Task AHugeTraceIdIsEchoedAtMost200Characters()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await StartForwardingAsync(dashboard);
        var id = new string('z', 5000);

        var (status, body, text) = await console.GetAsync($"/api/xray/traces/{id}/spans");

        Assert.Equal(400, status);
        var detail = (string)body!["detail"]!;
        Assert.Contains("5000 characters", detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 500, $"detail is {detail.Length} characters: {text[..Math.Min(300, text.Length)]}");
    }

    [Fact]
    public void RingKeepsTheNewestTracesAndCapsSpansPerTrace()
    {
        var store = new TypedTraceStore(Options.Create(new LabConsoleOptions { TypedTraces = new TypedTraceOptions { Capacity = 2, MaxSpansPerTrace = 4 } }));
        var first = new LabHops();
        var second = new LabHops();
        var third = new LabHops();

        store.Add(first.Request().ResourceSpans);
        store.Add(second.Request().ResourceSpans);
        store.Add(third.Request().ResourceSpans);

        Assert.Equal(2, store.Count);
        Assert.Equal(1, store.Evicted);
        Assert.Null(store.Get(Id(first)));
        Assert.Equal(4, store.Get(Id(second))!.Spans.Count);
        Assert.Equal(3 * (LabHops.SpanCount - 4), store.DroppedSpans);
    }

    [Fact]
    public async Task CapacityOutOfRangeFailsAtStartNamingTheKeyAndTheAllowedRange()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartForwardingAsync(dashboard, new Dictionary<string, string?> { ["LabConsole:TypedTraces:Capacity"] = "0" }));

        Assert.Contains("LabConsole:TypedTraces:Capacity is 0; allowed: 1 to 1000000", ex.Message, StringComparison.Ordinal);
    }

    private static Contracts.Telemetry.XRayTraceId Id(LabHops hops) =>
        Contracts.Telemetry.XRayTraceId.TryParse(hops.OtelTraceId, out var id) ? id : throw new InvalidOperationException(hops.OtelTraceId);
}
