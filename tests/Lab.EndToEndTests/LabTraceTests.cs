using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lab.EndToEndTests;

[Collection("lab")]
public sealed partial class LabTraceTests(AspireLab lab) : IClassFixture<AspireLab>
{
    [GeneratedRegex("^1-[0-9a-f]{8}-[0-9a-f]{24}$")]
    private static partial Regex XRayId();

    [Theory]
    [InlineData("tgw")]
    [InlineData("peering")]
    [InlineData("privatelink")]
    [InlineData("lattice")]
    public async Task OneXRayTraceIdSpansEveryHopOverEachLink(string link)
    {
        var (status, report) = await lab.HopsAsync($"?via={link}");

        Assert.True(status == 200, $"{status}: {report}");
        var traceId = report.GetProperty("traceId").GetString()!;
        Assert.Matches(XRayId(), traceId);
        var epoch = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(traceId[2..10], 16));
        Assert.InRange((DateTimeOffset.UtcNow - epoch).TotalSeconds, -5, 120);
        var hops = report.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal(
            ["servicea→serviceb", "serviceb→servicec", "servicea→servicec"],
            hops.Select(h => $"{h.GetProperty("from").GetString()}→{h.GetProperty("to").GetString()}"));
        Assert.All(hops, h =>
        {
            Assert.Equal(traceId, h.GetProperty("traceId").GetString());
            Assert.Equal(link, h.GetProperty("link").GetString());
            Assert.Equal(200, h.GetProperty("status").GetInt32());
        });
    }

    [Fact]
    public async Task PrivateLinkCalleesSeeTheNlbAddressAndPeeringCalleesTheCaller()
    {
        var (_, privateLink) = await lab.HopsAsync("?via=privatelink");
        var (_, peering) = await lab.HopsAsync("?via=peering");

        Assert.Equal(["127.0.1.2", "127.0.1.3", "127.0.1.3"], Addresses(privateLink));
        Assert.Equal(["127.0.0.1", "127.0.0.1", "127.0.0.1"], Addresses(peering));
    }

    [Fact]
    public async Task LatticeCalleesSeeLatticesAddressAndTheCallerInForwardedFor()
    {
        var (status, lattice) = await lab.HopsAsync("?via=lattice");

        Assert.True(status == 200, $"{status}: {lattice}");
        Assert.Equal(["127.0.171.2", "127.0.171.3", "127.0.171.3"], Addresses(lattice));
        Assert.Equal(["127.0.0.1", "127.0.0.1", "127.0.0.1"], lattice.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("forwardedFor").GetString() ?? "(none)"));
    }

    [Fact]
    public async Task TheAspireDashboardHoldsTheTraceWithSpansOfAllThreeServices()
    {
        var (_, report) = await lab.HopsAsync("?via=peering");
        var xray = report.GetProperty("traceId").GetString()!;
        var w3c = xray[2..10] + xray[11..];

        var services = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var seen = "";
        while (services.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            // The dashboard answers 404 until the first batch of the trace's spans has been exported (every second).
            using var answer = await lab.Http.GetAsync(new Uri(lab.DashboardUrl, $"/api/telemetry/traces/{w3c}"));
            seen = $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}";
            if (!answer.IsSuccessStatusCode)
            {
                continue;
            }

            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            services = [.. data.GetProperty("resourceSpans").EnumerateArray()
                .SelectMany(rs => rs.GetProperty("resource").GetProperty("attributes").EnumerateArray())
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString()!)];
        }

        Assert.True(services.SetEquals(AspireLab.Services), $"services in trace {w3c}: {string.Join(",", services)}; last answer: {seen[..Math.Min(seen.Length, 2000)]}");
    }

    [Fact]
    public async Task RootOnlyXRayHeaderIsContinuedByEveryHop()
    {
        var root = $"1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24]}";

        var (_, report) = await lab.HopsAsync("", ("X-Amzn-Trace-Id", $"Root={root}"));

        Assert.Equal(root, report.GetProperty("traceId").GetString());
        Assert.All(report.GetProperty("hops").EnumerateArray(), h => Assert.Equal(root, h.GetProperty("traceId").GetString()));
    }

    private static List<string?> Addresses(JsonElement report) =>
        [.. report.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("remoteAddress").GetString())];
}
