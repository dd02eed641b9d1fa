using Microsoft.Extensions.DependencyInjection;
using System.Text;
using System.Text.Json.Nodes;
using TracingLab.LabConsole.Hosting;

namespace TracingLab.LabConsole.Tests.Support;

/// <summary>The lab console on Kestrel, 127.0.0.1 and an ephemeral port, pointed at a fake dashboard and feed.</summary>
internal sealed class TestConsole : IAsyncDisposable
{
    public const string BrowserToken = "browser-token";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly WebApplication _app;

    private TestConsole(WebApplication app)
    {
        _app = app;
        Api = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = Timeout };
        Api.DefaultRequestHeaders.Add("x-api-key", FakeAspireDashboard.ApiKey);
    }

    public HttpClient Api { get; }

    public Uri Url => Api.BaseAddress!;

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the console; <paramref name="settings"/> override the LabConsole section.</summary>
    public static async Task<TestConsole> StartAsync(
        Uri dashboard, Uri? feed = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["LabConsole:DashboardUrl"] = dashboard.GetLeftPart(UriPartial.Authority),
            ["LabConsole:ApiKey"] = FakeAspireDashboard.ApiKey,
            ["LabConsole:BrowserToken"] = BrowserToken,
            ["LabConsole:LinksFeedUrl"] = feed?.GetLeftPart(UriPartial.Authority) ?? "",
            ["LabConsole:LinksFeedKey"] = feed is null ? "" : FakeLinksFeed.Key,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = LabConsoleApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync().WaitAsync(Timeout);
        return new TestConsole(app);
    }

    public async Task<(int Status, JsonNode? Body, string Text)> GetAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? Api).GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(Timeout);
        return await ReadAsync(response);
    }

    public async Task<(int Status, JsonNode? Body, string Text)> PostJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Api.PostAsync(new Uri(path, UriKind.Relative), content).WaitAsync(Timeout);
        return await ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }

    private static async Task<(int, JsonNode?, string)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return ((int)response.StatusCode, body, text);
    }
}
