using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Google.Protobuf;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.Dashboard.XRay.Tests;

/// <summary>A dashboard on ephemeral loopback ports with an API client and an OTLP/HTTP client; disposing stops it.</summary>
internal sealed class XRayDashboard : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private XRayDashboard(DashboardServer server)
    {
        Server = server;
        Api = new HttpClient { BaseAddress = server.UiUrl, Timeout = Timeout };
        Otlp = new HttpClient { BaseAddress = server.OtlpHttpUrl, Timeout = Timeout };
    }

    public DashboardServer Server { get; }

    public HttpClient Api { get; }

    public HttpClient Otlp { get; }

    public static async Task<XRayDashboard> StartAsync(bool allowAnonymous = true)
    {
        var server = await DashboardServer.StartAsync(new DashboardOptions
        {
            UiUrl = "http://127.0.0.1:0",
            OtlpGrpcUrl = "http://127.0.0.1:0",
            OtlpHttpUrl = "http://127.0.0.1:0",
            AllowAnonymous = allowAnonymous,
        }).WaitAsync(Timeout);
        return new XRayDashboard(server);
    }

    /// <summary>Sends the trace over OTLP/HTTP protobuf, as the services' exporters do.</summary>
    public async Task SendAsync(ExportTraceServiceRequest request)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await Otlp.PostAsync(new Uri("/v1/traces", UriKind.Relative), content).WaitAsync(Timeout);
        Assert.True(response.IsSuccessStatusCode, $"OTLP export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<(int Status, JsonNode? Body, string Text)> GetAsync(string path)
    {
        using var response = await Api.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        return ((int)response.StatusCode, TryParse(text), text);
    }

    public async Task<(int Status, JsonNode? Body, string Text)> PostJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Api.PostAsync(new Uri(path, UriKind.Relative), content).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
        return ((int)response.StatusCode, TryParse(text), text);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Otlp.Dispose();
        await Server.DisposeAsync();
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
