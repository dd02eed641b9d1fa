using System.Text.Json.Nodes;
using TracingLab.XRay.Schema;

namespace TracingLab.Dashboard.XRay.Tests;

public class TraceDocumentsApiTests
{
    [Fact]
    public async Task LabHopsTraceGivesOneSchemaValidSegmentPerServiceWithRemoteClientSubsegments()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());

        var (status, body, text) = await dashboard.GetAsync($"/api/telemetry/traces/{hops.OtelTraceId}/xray");

        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        var documents = body!["documents"]!.AsArray().Select(d => d!.AsObject()).ToList();
        Assert.Equal(LabHops.SpanCount, documents.Count);
        Assert.Equal(hops.XRayTraceId, (string?)body["xrayTraceId"]);
        var validator = await SegmentDocumentValidator.GetAsync().WaitAsync(XRayDashboard.Timeout);
        foreach (var document in documents)
        {
            var violations = validator.Validate(document.ToJsonString());
            Assert.True(violations.Count == 0, $"document {document["name"]} breaks the schema: {string.Join("; ", violations.Select(v => $"{v.Path} {v.Kind} {v.Description}"))}");
            Assert.Equal(hops.XRayTraceId, (string?)document["trace_id"]);
        }

        var segments = documents.Where(d => d["type"] is null).ToList();
        Assert.Equal(["servicea", "serviceb", "servicec"], segments.Select(s => (string)s["name"]!).Order());
        Assert.Equal(
            ["AWS::EC2::Instance", "AWS::ECS::Container", "AWS::EKS::Container"],
            segments.Select(s => (string)s["origin"]!).Order());
        var remote = documents.Where(d => (string?)d["namespace"] == "remote").ToList();
        Assert.Equal(["serviceb", "servicec"], remote.Select(r => (string)r["name"]!).Order());
        Assert.All(remote, r => Assert.Equal("subsegment", (string?)r["type"]));
        Assert.Equal("privatelink", (string?)remote.Single(r => (string?)r["name"] == "serviceb")["annotations"]!["lab_link"]);
        Assert.All(body["spans"]!.AsArray(), s => Assert.True((bool)s!["accepted"]!, $"span rejected: {s.ToJsonString()}"));
    }

    [Fact]
    public async Task XRayFormTraceIdFindsTheSameTrace()
    {
        await using var dashboard = await XRayDashboard.StartAsync();
        var hops = new LabHops();
        await dashboard.SendAsync(hops.Request());

        var (status, body, text) = await dashboard.GetAsync($"/api/telemetry/traces/{hops.XRayTraceId}/xray");

        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        Assert.Equal(hops.OtelTraceId, (string?)body!["traceId"]);
        Assert.Equal(LabHops.SpanCount, (int)body["segmentCount"]!);
    }

    [Fact]
    public async Task UnknownAndMalformedTraceIdsAreAnsweredWith404And400()
    {
        await using var dashboard = await XRayDashboard.StartAsync();

        var missing = await dashboard.GetAsync($"/api/telemetry/traces/{new LabHops().OtelTraceId}/xray");
        var malformed = await dashboard.GetAsync("/api/telemetry/traces/not-a-trace/xray");

        Assert.True(missing.Status == 404, $"expected 404, got {missing.Status}: {missing.Text}");
        Assert.True(malformed.Status == 400, $"expected 400, got {malformed.Status}: {malformed.Text}");
        Assert.Contains("not-a-trace", malformed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XRayEndpointsNeedTheApiKeyUnlessAnonymousIsAllowed()
    {
        await using var dashboard = await XRayDashboard.StartAsync(allowAnonymous: false);
        var id = new LabHops().OtelTraceId;

        foreach (var path in new[] { $"/api/telemetry/traces/{id}/xray", "/api/xray/traces", $"/api/compare/{id}" })
        {
            var (status, _, text) = await dashboard.GetAsync(path);
            Assert.True(status == 401, $"{path} without a key: expected 401, got {status}: {text}");
        }

        dashboard.Api.DefaultRequestHeaders.Add("x-api-key", dashboard.Server.ApiKey);
        var listed = await dashboard.GetAsync("/api/xray/traces");
        Assert.True(listed.Status == 200, $"with the key: expected 200, got {listed.Status}: {listed.Text}");
    }
}
