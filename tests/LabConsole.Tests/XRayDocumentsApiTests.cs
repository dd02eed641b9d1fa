using System.Text.Json.Nodes;
using TracingLab.LabConsole.Tests.Support;
using TracingLab.XRay.Schema;

namespace TracingLab.LabConsole.Tests;

public class XRayDocumentsApiTests
{
    [Fact]
    public async Task ThreeServiceTraceFromTheAspireDashboardGivesOneSchemaValidSegmentPerService()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        var (status, body, text) = await console.GetAsync($"/api/xray/traces/{hops.OtelTraceId}");

        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        Assert.Equal(hops.OtelTraceId, (string?)body!["traceId"]);
        Assert.Equal(hops.XRayTraceId, (string?)body["xrayTraceId"]);
        Assert.Equal(LabHops.SpanCount, (int)body["segmentCount"]!);
        Assert.Equal(0, (int)body["rejectedCount"]!);
        var documents = body["documents"]!.AsArray().Select(d => d!.AsObject()).ToList();
        var validator = await SegmentDocumentValidator.GetAsync().WaitAsync(TestConsole.Timeout);
        foreach (var document in documents)
        {
            var violations = validator.Validate(document.ToJsonString());
            Assert.True(violations.Count == 0, $"document {document["name"]} breaks the schema: {string.Join("; ", violations.Select(v => $"{v.Path} {v.Kind} {v.Description}"))}");
        }

        var segments = documents.Where(d => d["type"] is null).ToList();
        Assert.Equal(["servicea", "serviceb", "servicec"], segments.Select(s => (string)s["name"]!).Order());
        var remote = documents.Where(d => (string?)d["namespace"] == "remote").ToList();
        Assert.Equal(["serviceb", "servicec"], remote.Select(r => (string)r["name"]!).Order());
        Assert.Equal(2, (int)remote.Single(r => (string?)r["name"] == "servicec")["annotations"]!["lab_hop"]!);
        Assert.DoesNotContain("aspire.destination", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XRayFormIdIsAskedOfTheDashboardInItsW3CForm()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var hops = new LabHops();
        dashboard.Add(hops.Request());

        var (status, body, text) = await console.GetAsync($"/api/xray/traces/{hops.XRayTraceId}");

        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        Assert.Equal(LabHops.SpanCount, (int)body!["segmentCount"]!);
        Assert.Contains($"/api/telemetry/traces/{hops.OtelTraceId}", dashboard.Requests);
    }

    [Theory]
    [InlineData(500, "fault")]
    [InlineData(404, "error")]
    public async Task StatusCodesComeBackAsNumbersAndSetTheFaultAndErrorFlags(long statusCode, string flag)
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var hops = new LabHops(statusCode);
        dashboard.Add(hops.Request());

        var (status, body, text) = await console.GetAsync($"/api/xray/traces/{hops.OtelTraceId}");

        Assert.True(status == 200, $"expected 200, got {status}: {text}");
        var servicec = body!["documents"]!.AsArray().Single(d => (string?)d!["name"] == "servicec" && d["type"] is null)!;
        var http = servicec["http"]!["response"]!["status"]!;
        Assert.True(http.GetValueKind() == System.Text.Json.JsonValueKind.Number, $"http.response.status should be a number: {servicec.ToJsonString()}");
        Assert.Equal(statusCode, (long)http);
        Assert.True((bool?)servicec[flag] == true, $"expected {flag}: {servicec.ToJsonString()}");
    }

    [Fact]
    public async Task UnknownIdIs404NamingItAndAMalformedIdIs400()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var unknown = new LabHops().XRayTraceId;

        var missing = await console.GetAsync($"/api/xray/traces/{unknown}");
        var malformed = await console.GetAsync("/api/xray/traces/not-a-trace");

        Assert.True(missing.Status == 404, $"expected 404, got {missing.Status}: {missing.Text}");
        Assert.Contains(unknown, (string?)missing.Body!["detail"], StringComparison.Ordinal);
        Assert.True(malformed.Status == 400, $"expected 400, got {malformed.Status}: {malformed.Text}");
        Assert.Contains("traceId='not-a-trace'", (string?)malformed.Body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHugeMalformedIdIsQuotedCutWithItsLength()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);

        var malformed = await console.GetAsync($"/api/xray/traces/{new string('a', 5000)}");

        Assert.True(malformed.Status == 400, $"expected 400, got {malformed.Status}: {malformed.Text[..Math.Min(500, malformed.Text.Length)]}");
        var detail = (string?)malformed.Body!["detail"] ?? "";
        Assert.True(detail.Length < 400, $"detail of {detail.Length} characters");
        Assert.Contains("(5000 characters)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiNeedsTheDashboardsKeyUnlessAnonymousIsAllowed()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var secured = await TestConsole.StartAsync(dashboard.Url);
        await using var open = await TestConsole.StartAsync(dashboard.Url, settings: new Dictionary<string, string?> { ["LabConsole:AllowAnonymous"] = "true" });
        using var noKey = new HttpClient();
        using var wrongKey = new HttpClient();
        wrongKey.DefaultRequestHeaders.Add("x-api-key", "wrong");

        foreach (var path in new[] { "api/xray/traces", "api/links/runs", $"api/compare/{new LabHops().OtelTraceId}" })
        {
            using var none = await noKey.GetAsync(new Uri(secured.Url, path));
            using var wrong = await wrongKey.GetAsync(new Uri(secured.Url, path));
            using var anonymous = await noKey.GetAsync(new Uri(open.Url, path));
            Assert.True((int)none.StatusCode == 401, $"{path} without a key: expected 401, got {(int)none.StatusCode}");
            Assert.True((int)wrong.StatusCode == 401, $"{path} with a wrong key: expected 401, got {(int)wrong.StatusCode}");
            Assert.True((int)anonymous.StatusCode is 200 or 404, $"{path} with AllowAnonymous: expected it open, got {(int)anonymous.StatusCode}");
        }

        var keyed = await secured.GetAsync("/api/xray/traces");
        Assert.True(keyed.Status == 200, $"with the key: expected 200, got {keyed.Status}: {keyed.Text}");
    }

    [Fact]
    public async Task DashboardDownIsA503ProblemNamingItsUrl()
    {
        Uri gone;
        await using (var dashboard = await FakeAspireDashboard.StartAsync())
        {
            gone = dashboard.Url;
        }

        await using var console = await TestConsole.StartAsync(gone);
        var id = new LabHops().OtelTraceId;

        var documents = await console.GetAsync($"/api/xray/traces/{id}");
        var compare = await console.GetAsync($"/api/compare/{id}");
        using var page = await console.Api.GetAsync(new Uri("/xray", UriKind.Relative));

        foreach (var (status, body, text) in new[] { documents, compare })
        {
            Assert.True(status == 503, $"expected 503, got {status}: {text}");
            Assert.Contains(gone.GetLeftPart(UriPartial.Authority), (string?)body!["detail"], StringComparison.Ordinal);
        }

        Assert.True((int)page.StatusCode is 200 or 302, $"the X-Ray page must not crash: {(int)page.StatusCode}");
    }

    [Fact]
    public async Task DashboardRefusingTheKeyIsA502ProblemSayingSo()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url, settings: new Dictionary<string, string?> { ["LabConsole:ApiKey"] = "stale-key" });
        console.Api.DefaultRequestHeaders.Remove("x-api-key");
        console.Api.DefaultRequestHeaders.Add("x-api-key", "stale-key");

        var (status, body, text) = await console.GetAsync($"/api/xray/traces/{new LabHops().OtelTraceId}");

        Assert.True(status == 502, $"expected 502, got {status}: {text}");
        Assert.Contains("LabConsole:ApiKey", (string?)body!["detail"], StringComparison.Ordinal);
        Assert.Contains(dashboard.Url.GetLeftPart(UriPartial.Authority), (string?)body["detail"], StringComparison.Ordinal);
    }
}
