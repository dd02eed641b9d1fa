using System.IO.Compression;
using System.Net;
using System.Text.Json;
using OpenTelemetry.Exporter;
using TracingLab.Dashboard.Store;
using TracingLab.Dashboard.Tests.Support;

namespace TracingLab.Dashboard.Tests;

public sealed class ApiTests
{
    [Fact]
    public async Task TraceEndpointReturnsOtlpJsonSpansFromAllThreeServicesForEitherIdForm()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = (await LabTraffic.SendHopsTraceAsync(dashboard.Server.OtlpGrpcUrl)).ToHexString();
        var id = Ids.Parse(traceId);
        await Wait.UntilAsync(() => dashboard.Store.GetTrace(id)?.Spans.Count == 7, () => $"{dashboard.Store.GetTrace(id)?.Spans.Count ?? 0} spans");

        foreach (var form in new[] { traceId, id.ToXRay() })
        {
            using var doc = JsonDocument.Parse(await dashboard.Api.GetStringAsync($"/api/telemetry/traces/{form}"));
            var resourceSpans = doc.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray().ToList();
            var services = resourceSpans.Select(r => r.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Single(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString()).Order();
            Assert.Equal(LabTraffic.Services, services);
            var spans = resourceSpans.SelectMany(r => r.GetProperty("scopeSpans").EnumerateArray()).SelectMany(s => s.GetProperty("spans").EnumerateArray()).ToList();
            Assert.Equal(7, spans.Count);
            Assert.All(spans, s => Assert.Equal(traceId, s.GetProperty("traceId").GetString()));
            Assert.All(spans, s => Assert.Matches("^[0-9a-f]{16}$", s.GetProperty("spanId").GetString()));
            Assert.Equal(7, doc.RootElement.GetProperty("totalCount").GetInt32());
        }
    }

    [Fact]
    public async Task TracesListFiltersByResourceAndErrorsAndRejectsBadValues()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        dashboard.Store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), error: true)));
        dashboard.Store.AddTraces(Support.Otlp.Traces("serviceb", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId())));

        using var errors = JsonDocument.Parse(await dashboard.Api.GetStringAsync("/api/telemetry/traces?hasError=true"));
        using var byResource = JsonDocument.Parse(await dashboard.Api.GetStringAsync("/api/telemetry/traces?resource=serviceb&limit=5"));
        using var unknown = await dashboard.Api.GetAsync("/api/telemetry/traces?resource=nosuch");
        using var bad = await dashboard.Api.GetAsync("/api/telemetry/traces?hasError=maybe");
        using var badId = await dashboard.Api.GetAsync("/api/telemetry/traces/not-a-trace");
        using var missing = await dashboard.Api.GetAsync("/api/telemetry/traces/4bf92f3577b34da6a3ce929d0e0e4736");

        Assert.Equal(1, errors.RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, byResource.RootElement.GetProperty("returnedCount").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("hasError='maybe'", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task LogsAndSpansEndpointsFilterByTraceId()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        var traceId = Support.Otlp.NewTraceId();
        dashboard.Store.AddLogs(Support.Otlp.Logs("servicea", traceId, "in trace"));
        dashboard.Store.AddLogs(Support.Otlp.Logs("servicea", null, "outside"));
        dashboard.Store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(traceId, Support.Otlp.NewSpanId())));
        var hex = Convert.ToHexStringLower(traceId);

        var logs = await dashboard.Api.GetStringAsync($"/api/telemetry/logs?traceId={hex}");
        var spans = await dashboard.Api.GetStringAsync($"/api/telemetry/spans?traceId={hex}");

        Assert.Contains("in trace", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("outside", logs, StringComparison.Ordinal);
        Assert.Contains(hex, logs, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(spans);
        Assert.Equal(1, doc.RootElement.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task FollowStreamsExistingAndNewSpansAsNdjson()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        dashboard.Store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), name: "before")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/telemetry/spans?follow=true");
        using var response = await dashboard.Api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(10));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        dashboard.Store.AddTraces(Support.Otlp.Traces("servicea", Support.Otlp.Span(Support.Otlp.NewTraceId(), Support.Otlp.NewSpanId(), name: "after")));
        var second = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"before\"", first, StringComparison.Ordinal);
        Assert.Contains("\"after\"", second, StringComparison.Ordinal);
        Assert.StartsWith("{\"resourceSpans\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportedRunZipImportsIntoAnotherDashboard()
    {
        await using var source = await TestDashboard.StartAsync();
        var traceId = await LabTraffic.SendHopsTraceAsync(source.Server.OtlpHttpUrl, OtlpExportProtocol.HttpProtobuf);
        var id = Ids.Parse(traceId.ToHexString());
        await Wait.UntilAsync(() => source.Store.GetTrace(id)?.Spans.Count == 7, () => $"{source.Store.GetTrace(id)?.Spans.Count ?? 0} spans");

        var zip = await source.Api.GetByteArrayAsync("/api/telemetry/export");
        await using var target = await TestDashboard.StartAsync();
        using var import = await target.Api.PostAsync("/api/telemetry/import", new ByteArrayContent(zip));
        using var badImport = await target.Api.PostAsync("/api/telemetry/import", new ByteArrayContent([1, 2, 3]));

        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(["logs.json", "traces.json"], archive.Entries.Select(e => e.FullName).Order());
        }

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(7, target.Store.GetTrace(id)?.Spans.Count);
        Assert.Equal(source.Store.QueryLogs(new LogQuery()).Total, target.Store.QueryLogs(new LogQuery()).Total);
        Assert.Equal(HttpStatusCode.BadRequest, badImport.StatusCode);
    }

    [Fact]
    public async Task ResourcesEndpointListsAppHostResourcesWithSecretsMasked()
    {
        await using var dashboard = await TestDashboard.StartAsync(resources: new FakeResources());

        var json = await dashboard.Api.GetStringAsync("/api/telemetry/resources");
        using var doc = JsonDocument.Parse(json);

        var resources = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(LabTraffic.Services, resources.Select(r => r.GetProperty("name").GetString()));
        Assert.All(resources, r => Assert.Equal("Healthy", r.GetProperty("health").GetString()));
        Assert.DoesNotContain("super-secret-value", json, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:5101", resources[0].GetProperty("environment").GetProperty("ASPNETCORE_URLS").GetString());
    }
}
