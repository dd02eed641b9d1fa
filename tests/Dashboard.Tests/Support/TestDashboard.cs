using System.Net.Http.Headers;

namespace TracingLab.Dashboard.Tests.Support;

/// <summary>A dashboard on ephemeral loopback ports, with clients for its three listeners; disposing stops it.</summary>
public sealed class TestDashboard : IAsyncDisposable
{
    private TestDashboard(DashboardServer server, DashboardOptions options)
    {
        Server = server;
        Options = options;
        Ui = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.UiUrl, Timeout = TimeSpan.FromSeconds(20) };
        Otlp = new HttpClient { BaseAddress = server.OtlpHttpUrl, Timeout = TimeSpan.FromSeconds(20) };
        Api = new HttpClient { BaseAddress = server.UiUrl, Timeout = TimeSpan.FromSeconds(20) };
        Api.DefaultRequestHeaders.Add("x-api-key", server.ApiKey);
    }

    public DashboardServer Server { get; }

    public DashboardOptions Options { get; }

    /// <summary>The UI port without credentials or redirects.</summary>
    public HttpClient Ui { get; }

    /// <summary>The UI port with the API key.</summary>
    public HttpClient Api { get; }

    /// <summary>The OTLP/HTTP port.</summary>
    public HttpClient Otlp { get; }

    public Store.TelemetryStore Store => (Store.TelemetryStore)Server.Services.GetService(typeof(Store.TelemetryStore))!;

    public static async Task<TestDashboard> StartAsync(
        Action<DashboardOptions>? configure = null, IResourceSource? resources = null, ILinkSource? links = null)
    {
        var options = new DashboardOptions
        {
            UiUrl = "http://127.0.0.1:0",
            OtlpGrpcUrl = "http://127.0.0.1:0",
            OtlpHttpUrl = "http://127.0.0.1:0",
        };
        configure?.Invoke(options);
        var server = await DashboardServer.StartAsync(options, resources, links).WaitAsync(TimeSpan.FromSeconds(30));
        return new TestDashboard(server, options);
    }

    public async Task<HttpResponseMessage> PostOtlpAsync(string path, byte[] body, string contentType, string? otlpKey = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (otlpKey is not null)
        {
            request.Headers.Add("x-otlp-api-key", otlpKey);
        }

        return await Otlp.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        Ui.Dispose();
        Api.Dispose();
        Otlp.Dispose();
        await Server.DisposeAsync();
    }
}
