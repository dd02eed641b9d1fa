using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Hosting;
using TracingLab.LabConsole.Intake;
using TracingLab.Otlp.Collector.Trace.V1;

namespace TracingLab.XRay.Benchmarks;

/// <summary>
/// What the lab console's OTLP intake costs per export request (a 512-span <see cref="LabBatch"/>, protobuf): decoding
/// and keeping it in the typed ring, and the whole extra hop — a POST to the console, which keeps it and forwards it
/// to a stand-in dashboard — next to the POST straight to that stand-in (the baseline: the path without the console).
/// </summary>
[MemoryDiagnoser]
public class IntakeBenchmarks
{
    private const string Key = "bench-key";
    private byte[] _payload = [];
    private readonly IOptions<LabConsoleOptions> _options = Options.Create(new LabConsoleOptions());
    private WebApplication _sink = null!;
    private WebApplication _console = null!;
    private HttpClient _http = null!;
    private Uri _sinkUrl = null!;
    private Uri _consoleUrl = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _payload = LabBatch.Create().ToByteArray();
        var sink = WebApplication.CreateSlimBuilder();
        sink.Logging.ClearProviders();
        sink.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _sink = sink.Build();
        _sink.MapPost("/v1/traces", async (HttpContext c) => await c.Request.Body.CopyToAsync(Stream.Null));
        await _sink.StartAsync();
        _sinkUrl = new Uri(_sink.Urls.First());
        _console = LabConsoleApp.Build(["--urls", "http://127.0.0.1:0"], b =>
        {
            b.Logging.ClearProviders();
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LabConsole:AllowAnonymous"] = "true",
                ["LabConsole:DashboardOtlpUrl"] = _sinkUrl.GetLeftPart(UriPartial.Authority),
                ["LabConsole:OtlpApiKey"] = Key,
            });
        });
        await _console.StartAsync();
        _consoleUrl = new Uri(_console.Urls.First());
        _http = new HttpClient();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _http.Dispose();
        await _console.DisposeAsync();
        await _sink.DisposeAsync();
    }

    /// <summary>A fresh ring each time: the batch's trace ids repeat, and a ring that already held them would measure the span cap instead.</summary>
    [Benchmark]
    public int DecodeAndKeep()
    {
        var store = new TypedTraceStore(_options);
        store.Add(ExportTraceServiceRequest.Parser.ParseFrom(_payload).ResourceSpans);
        return store.Count;
    }

    [Benchmark(Baseline = true)]
    public Task<int> PostToDashboardDirectly() => PostAsync(_sinkUrl);

    [Benchmark]
    public Task<int> PostThroughTheConsole() => PostAsync(_consoleUrl);

    private async Task<int> PostAsync(Uri baseUrl)
    {
        using var content = new ByteArrayContent(_payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await _http.PostAsync(new Uri(baseUrl, "/v1/traces"), content);
        return response.IsSuccessStatusCode ? 1 : throw new InvalidOperationException($"{baseUrl} answered {(int)response.StatusCode}");
    }
}
