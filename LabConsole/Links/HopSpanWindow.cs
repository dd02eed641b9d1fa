using System.Text;
using Microsoft.Extensions.Options;
using TracingLab.LabConsole.Hosting;
using TracingLab.AspireTelemetry;
using TracingLab.LinkCompare.Hops;
using TracingLab.Otlp;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.LabConsole.Links;

/// <summary>
/// The only telemetry the console keeps: the newest <see cref="Capacity"/> hop spans (<see cref="HopSpanReader"/>), read from the Aspire dashboard's
/// <c>GET /api/telemetry/spans?follow=true</c> (NDJSON, one span per line, stored spans replayed first). Every other span
/// of the stream is dropped as it arrives. The stream is reopened with back-off when the dashboard goes away; a
/// replayed span already held is not counted twice.
/// </summary>
public sealed partial class HopSpanWindow(IHttpClientFactory clients, IOptions<LabConsoleOptions> options, ILogger<HopSpanWindow> logger) : BackgroundService
{
    /// <summary>The bound: about 10,000 lab calls of two hops each.</summary>
    public const int Capacity = 20_000;

    /// <summary>The name of the HttpClient without a timeout that the stream uses.</summary>
    public const string ClientName = "aspire-follow";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly LinkedList<HopClientSpan> _spans = new();
    private readonly HashSet<(string, string)> _keys = [];
    private readonly Lock _lock = new();

    /// <summary>The held hop spans, newest first.</summary>
    public IReadOnlyList<HopClientSpan> Snapshot()
    {
        lock (_lock)
        {
            return [.. _spans];
        }
    }

    /// <summary>Adds the hop spans of one stream line; other spans are ignored.</summary>
    public void Add(IEnumerable<ResourceSpans> resourceSpans)
    {
        foreach (var span in HopSpanReader.ClientSpans(resourceSpans))
        {
            lock (_lock)
            {
                if (!_keys.Add((span.TraceId, span.SpanId)))
                {
                    continue;
                }

                _spans.AddFirst(span);
                while (_spans.Count > Capacity)
                {
                    var last = _spans.Last!.Value;
                    _keys.Remove((last.TraceId, last.SpanId));
                    _spans.RemoveLast();
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(500);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
            {
                LogFollowFailed(logger, options.Value.DashboardUrl, ex.Message, backoff.TotalSeconds);
            }

            try
            {
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        var url = new Uri(new Uri(options.Value.DashboardUrl.TrimEnd('/') + "/"), "api/telemetry/spans?follow=true");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (options.Value.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Add(AspireTelemetryClient.ApiKeyHeader, key);
        }

        using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), Encoding.UTF8);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                Add(AspireJson.ReadResourceSpans(Encoding.UTF8.GetBytes(line)));
            }
            catch (OtlpFormatException ex)
            {
                LogBadLine(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the Aspire dashboard's spans at {DashboardUrl} failed ({Reason}); retrying in {Seconds} s")]
    private static partial void LogFollowFailed(ILogger logger, string dashboardUrl, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a line of the Aspire dashboard's span stream: {Reason}")]
    private static partial void LogBadLine(ILogger logger, string reason);
}
