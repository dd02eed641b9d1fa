using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Lab.EndToEndTests;

/// <summary>The lab console against the real Aspire dashboard: any trace the dashboard holds, as X-Ray will show it.</summary>
[Collection("lab")]
public sealed class LabConsoleTests(AspireLab lab) : IClassFixture<AspireLab>
{
    [Fact]
    public async Task ASpanPostedToTheDashboardsOtlpHttpIntakeShowsInTheXRayViewWithinFiveSeconds()
    {
        var traceId = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24]}";
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var body = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"posted"}},{"key":"cloud.platform","value":{"stringValue":"aws_ec2"}}]},
              "scopeSpans":[{"scope":{"name":"test"},"spans":[{"traceId":"{{{traceId}}}","spanId":"0102030405060708","name":"GET /posted","kind":2,
                "startTimeUnixNano":"{{{now}}}","endTimeUnixNano":"{{{now + 5_000_000}}}",
                "attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}},{"key":"http.response.status_code","value":{"intValue":"503"}}],
                "status":{"code":2}}]}]}]}
            """;
        var otlp = lab.App.GetEndpoint("aspire-dashboard", "otlp-http");
        using var posted = await lab.Http.PostAsync(new Uri(otlp, "/v1/traces"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");

        var xray = $"1-{traceId[..8]}-{traceId[8..]}";
        JsonElement? documents = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = "";
        while (documents is null && DateTime.UtcNow < deadline)
        {
            using var response = await lab.Http.GetAsync(new Uri(lab.Url("labconsole"), $"/api/xray/traces/{xray}"));
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                documents = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents");
            }
            else
            {
                await Task.Delay(200);
            }
        }

        Assert.True(documents is not null, $"not in the X-Ray view within 60 s; last answer {last}");
        var segment = documents.Value.EnumerateArray().Single();
        Assert.Equal("posted", segment.GetProperty("name").GetString());
        Assert.Equal(xray, segment.GetProperty("trace_id").GetString());
        Assert.Equal("AWS::EC2::Instance", segment.GetProperty("origin").GetString());
        // The dashboard gives the status code back as a string; the console restores the number X-Ray receives.
        Assert.Equal(503, segment.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.True(segment.GetProperty("fault").GetBoolean());
    }

    [Fact]
    public async Task EveryServiceOfALabHopsTraceHasASegmentInTheXRayView()
    {
        var (_, report) = await lab.HopsAsync("?via=tgw");
        var xray = report.GetProperty("traceId").GetString()!;

        var names = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (names.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            using var response = await lab.Http.GetAsync(new Uri(lab.Url("labconsole"), $"/api/xray/traces/{xray}"));
            if (response.IsSuccessStatusCode)
            {
                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                names = [.. json.GetProperty("documents").EnumerateArray().Where(d => !d.TryGetProperty("type", out _)).Select(d => d.GetProperty("name").GetString()!)];
            }
        }

        Assert.True(names.SetEquals(AspireLab.Services), $"segments: {string.Join(",", names)}");
    }

    [Fact]
    public async Task ALabHopsTracesSpansViewHoldsEveryServiceWithTheStatusCodeTypedAsAnInteger()
    {
        var (status, report) = await lab.HopsAsync();
        Assert.True(status == 200, $"/lab/hops answered {status}: {report}");
        var xray = report.GetProperty("traceId").GetString()!;

        // The services export every second; poll until each service's records have reached the console's intake.
        var services = new HashSet<string>();
        var source = "";
        var last = "";
        JsonElement spans = default;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((services.Count < 3 || source != "intake") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            using var response = await lab.Http.GetAsync(new Uri(lab.Url("labconsole"), $"/api/xray/traces/{xray}/spans"));
            last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                source = response.Headers.TryGetValues("x-lab-trace-source", out var values) ? values.Single() : "";
                spans = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("spans");
                services = [.. spans.EnumerateArray().Select(ServiceOf)];
            }
        }

        Assert.True(services.IsSupersetOf(AspireLab.Services) && source == "intake",
            $"services {string.Join(",", services)} from '{source}' within 60 s; last answer {last[..Math.Min(2000, last.Length)]}");
        foreach (var service in AspireLab.Services)
        {
            var server = spans.EnumerateArray().Where(s => ServiceOf(s) == service)
                .Select(s => s.GetProperty("attributes"))
                .FirstOrDefault(a => a.TryGetProperty("http.response.status_code", out _));
            Assert.True(server.ValueKind == JsonValueKind.Object, $"{service} has no span with http.response.status_code: {last[..Math.Min(2000, last.Length)]}");
            Assert.Equal(JsonValueKind.Number, server.GetProperty("http.response.status_code").ValueKind);
            Assert.Equal(200, server.GetProperty("http.response.status_code").GetInt32());
        }

        // The dashboard still receives every span: the console forwarded each service's export to it.
        var dashboardServices = new HashSet<string>();
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (!dashboardServices.IsSupersetOf(AspireLab.Services) && DateTime.UtcNow < deadline)
        {
            using var response = await lab.Http.GetAsync(new Uri(lab.DashboardUrl, $"/api/telemetry/traces/{xray[2..10]}{xray[11..]}"));
            if (response.IsSuccessStatusCode)
            {
                var trace = await response.Content.ReadFromJsonAsync<JsonElement>();
                dashboardServices = [.. trace.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
                    .SelectMany(r => r.GetProperty("resource").GetProperty("attributes").EnumerateArray())
                    .Where(a => a.GetProperty("key").GetString() == "service.name")
                    .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString()!)];
            }
            else
            {
                await Task.Delay(500);
            }
        }

        Assert.True(dashboardServices.IsSupersetOf(AspireLab.Services), $"the Aspire dashboard holds the trace for: {string.Join(",", dashboardServices)}");
    }

    private static string ServiceOf(JsonElement record) =>
        record.GetProperty("notDocumented").GetProperty("resource").GetProperty("attributes").TryGetProperty("service.name", out var name)
            ? name.GetString() ?? ""
            : "";
}
