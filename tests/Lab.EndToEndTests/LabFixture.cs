using System.Net.Http.Json;
using System.Text.Json;
using TracingLab.Testing;

namespace Lab.EndToEndTests;

/// <summary>One anonymous lab shared by the read-only tests of a class.</summary>
public sealed class LabFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public LabProcess Lab { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync() =>
        Lab = await LabProcess.StartAsync(typeof(LabFixture).Assembly, StartTimeout, "--allow-anonymous");

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Lab.DisposeAsync();
    }

    /// <summary>The dashboard's view of the resources.</summary>
    public async Task<JsonElement[]> ResourcesAsync(LabProcess lab, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(lab.DashboardUrl, "/api/telemetry/resources"));
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }
}

[CollectionDefinition("lab", DisableParallelization = true)]
public sealed class LabCollection;
