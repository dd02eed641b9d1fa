using System.Text;
using TracingLab.LabConsole.Tests.Support;

namespace TracingLab.LabConsole.Tests;

/// <summary>
/// Bad input never crashes the console: hundreds of malformed, truncated and wrongly typed bodies against the X-Ray
/// import and the link-run endpoints are each refused with a 4xx, and what was stored before is kept.
/// </summary>
public class FuzzTests
{
    [Fact]
    public async Task MalformedImportsAndRunsAreAllRefusedAndEarlierDataIsKept()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var hops = new LabHops();
        dashboard.Add(hops.Request());
        var export = XRayExport.Write(await XRayExport.DocumentsAsync(console, hops.OtelTraceId));
        var run = System.Text.Json.JsonSerializer.Serialize(FakeLinksFeed.Run("kept"), LinkCompare.Model.LinkCompareJson.Default.CompareRun);
        Assert.Equal(200, (await console.PostJsonAsync("/api/xray/import", export)).Status);
        Assert.Equal(201, (await console.PostJsonAsync("/api/links/runs", run)).Status);
        var random = new Random(20261201);

        var failures = new List<string>();
        foreach (var (path, body) in Bodies(random, export, "/api/xray/import").Concat(Bodies(random, run, "/api/links/runs")))
        {
            var (status, _, text) = await console.PostJsonAsync(path, body);
            if (status is < 400 or >= 500)
            {
                failures.Add($"{path} {status} for {body[..Math.Min(80, body.Length)]}: {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        var imports = await console.GetAsync("/api/xray/traces");
        Assert.Equal(hops.XRayTraceId, (string?)imports.Body!["data"]!.AsArray().Single()!["id"]);
        var latest = await console.GetAsync("/api/links/runs/latest");
        Assert.Equal("kept", (string?)latest.Body!["runId"]);
    }

    private static IEnumerable<(string Path, string Body)> Bodies(Random random, string valid, string path)
    {
        string[] fixedBodies = ["", "null", "[]", "7", "\"x\"", "{", "{}", "{\"Traces\":null}", "{\"links\":[null]}", "{\"runId\":5}", new string('[', 5000)];
        foreach (var body in fixedBodies)
        {
            yield return (path, body);
        }

        for (var i = 0; i < 200; i++)
        {
            var chars = valid.ToCharArray();
            switch (i % 3)
            {
                case 0:
                    yield return (path, valid[..random.Next(1, valid.Length - 1)]);
                    break;
                case 1:
                    // A quote replaced by a structural character never leaves valid JSON.
                    var quotes = Enumerable.Range(0, chars.Length).Where(k => chars[k] == '"').ToList();
                    chars[quotes[random.Next(quotes.Count)]] = "{}[],:0"[random.Next(7)];
                    yield return (path, new string(chars));
                    break;
                default:
                    var sb = new StringBuilder(valid);
                    sb.Replace("\"", "'", 0, 1 + random.Next(valid.Length));
                    yield return (path, sb.ToString());
                    break;
            }
        }
    }
}
