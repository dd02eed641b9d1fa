using TracingLab.LabConsole.Tests.Support;

namespace TracingLab.LabConsole.Tests;

public class ImportFormsApiTests
{
    [Theory]
    [InlineData("list-retrieved-traces-xray.json", "list-retrieved-traces XRAY")]
    [InlineData("list-retrieved-traces-otel.json", "list-retrieved-traces OTEL")]
    [InlineData("filter-log-events-aws-spans.json", "aws/spans filter-log-events")]
    [InlineData("get-query-results-aws-spans.json", "aws/spans get-query-results")]
    public async Task EachImportFormIsAcceptedAndLabelled(string sample, string label)
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);
        var json = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", sample));

        var (status, body, text) = await console.PostJsonAsync("/api/xray/import", json);
        var (_, list, listText) = await console.GetAsync("/api/xray/traces");

        Assert.True(status == 200, $"import of {sample}: expected 200, got {status}: {text}");
        Assert.Equal(label, (string?)body!["format"]);
        Assert.All(list!["data"]!.AsArray(), t => Assert.Equal(label, (string?)t!["format"]));
        Assert.NotEmpty(list["data"]!.AsArray());
        Assert.DoesNotContain("\"format\":null", listText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFormIsRefusedNamingEveryFormExpected()
    {
        await using var dashboard = await FakeAspireDashboard.StartAsync();
        await using var console = await TestConsole.StartAsync(dashboard.Url);

        var (status, body, text) = await console.PostJsonAsync("/api/xray/import", "{\"Something\": [1, 2, 3]}");

        Assert.True(status == 400, $"expected 400, got {status}: {text}");
        var expected = (string)body!["expected"]!;
        foreach (var form in new[] { "batch-get-traces", "get-trace-summaries", "--trace-format XRAY", "--trace-format OTEL", "filter-log-events", "get-query-results" })
        {
            Assert.Contains(form, expected, StringComparison.Ordinal);
        }
    }
}
