using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.Links;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.Testing;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// Minutes of open-loop <c>/lab/hops</c> over every link at a fixed rate per link (each request is sent when due,
/// whether or not earlier ones were answered, so a stall shows as requests piling up rather than as fewer requests),
/// with servicec SIGKILLed at one point, a link switched off and on through its resource command at another, and a fault
/// window at a third: one link faulted through its Inject fault command and cleared through Clear faults. Afterwards,
/// every answered 200's trace is looked up in the Aspire dashboard.
/// </summary>
internal static class SoakBenchmark
{
    /// <summary>The link switched off and on: the last enabled one, so the callers' default link keeps serving.</summary>
    public const string SwitchedLink = LinkNames.PrivateLink;

    private static readonly string[] Links = [.. LinkNames.All];
    private static readonly string[] Services = ["servicea", "serviceb", "servicec"];
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The benchmark's budget for one /lab/hops: servicea calls serviceb (whose whole budget covers its own call to
    /// servicec) and then servicec, each within the budget ServiceDefaults gives it; 2 s more for servicea itself.
    /// </summary>
    public static TimeSpan Budget => LabTimeouts.Total(1) + LabTimeouts.Total(0) + TimeSpan.FromSeconds(2);

    public static async Task<SoakResult> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("--soak signals processes and reads /proc: Linux only.");
        }

        var loadAtStart = LabProcesses.LoadAverage();
        await using var lab = await LoadBenchmark.StartLabAsync(options, traced: true, cancel);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 512 }) { Timeout = Budget };
        var result = new SoakResult(options, Budget, loadAtStart, lab.ToHealthy);
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);

        var sampler = SampleAsync(lab.ProcessId, clock, result, stop.Token);
        var progress = ProgressAsync(options, clock, result, stop.Token);
        var events = Task.WhenAll(
            KillAsync(lab, options.KillAt, clock, result, cancel),
            SwitchAsync(lab, options.SwitchAt, options.SwitchFor, clock, result, cancel),
            FaultAsync(lab, options.Fault, options.FaultAt, options.FaultFor, clock, result, cancel));
        var senders = Links.Select(link => SendAsync(http, new Uri(lab.Services["servicea"], $"/lab/hops?via={link}"), link, options, clock, result, cancel)).ToList();
        var sent = (await Task.WhenAll(senders)).SelectMany(t => t).ToList();
        await Task.WhenAll(sent); // every request ends within the client's budget: answered, failed or timed out
        await events;
        await stop.CancelAsync();
        await Task.WhenAll(sampler.ContinueWith(_ => { }, TaskScheduler.Default), progress.ContinueWith(_ => { }, TaskScheduler.Default));
        result.LoadAtEnd = LabProcesses.LoadAverage();

        // The services export spans in batches every second (OTEL_BSP_SCHEDULE_DELAY=1000 from Aspire); give the last ones time.
        await Task.Delay(TimeSpan.FromSeconds(5), cancel);
        await CheckTracesAsync(lab.DashboardUrl, result, cancel);
        return result;
    }

    private static async Task<List<Task>> SendAsync(HttpClient http, Uri url, string link, BenchOptions options, Stopwatch clock, SoakResult result, CancellationToken cancel)
    {
        var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        var total = (int)(options.Duration.TotalSeconds * options.Rate);
        var requests = new List<Task>(total);
        // The links start a third of an interval apart so their requests do not all land in the same instant.
        var offset = interval * Array.IndexOf(Links, link) / Links.Length;
        for (var i = 0; i < total; i++)
        {
            var due = offset + (interval * i);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancel);
            }

            requests.Add(OneAsync(http, url, link, clock, result, cancel));
        }

        return requests;
    }

    private static async Task OneAsync(HttpClient http, Uri url, string link, Stopwatch clock, SoakResult result, CancellationToken cancel)
    {
        var sentAt = clock.Elapsed;
        var record = new SoakRequest { Link = link, SentAt = sentAt };
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancel);
            record.Status = (int)response.StatusCode;
            record.AnsweredAt = clock.Elapsed;
            var body = await response.Content.ReadAsStringAsync(cancel);
            record.IsProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("traceId", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    record.TraceId = W3C(id.GetString()!);
                }

                if (record.IsProblem && json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                {
                    record.Detail = detail.GetString();
                }
            }
            catch (JsonException)
            {
                record.Detail = "answer is not JSON";
            }
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            record.Status = 0; // no answer within the budget: hung
            record.AnsweredAt = clock.Elapsed;
            record.Detail = $"no answer within {Budget.TotalSeconds:0} s";
        }
        catch (HttpRequestException e)
        {
            record.Status = -1; // no HTTP answer at all (servicea itself unreachable)
            record.AnsweredAt = clock.Elapsed;
            record.Detail = e.Message;
        }

        result.Requests.Add(record);
    }

    private static async Task KillAsync(LabProcess lab, TimeSpan at, Stopwatch clock, SoakResult result, CancellationToken cancel)
    {
        await Task.Delay(at - clock.Elapsed, cancel);
        var victims = LabProcesses.Of(lab.ProcessId).Where(p => LabProcesses.Role(p.Value, p.Key, lab.ProcessId) == "servicec").ToDictionary();
        foreach (var pid in victims.Keys)
        {
            ProcessTree.Signal(pid, 9);
        }

        result.KilledAt = clock.Elapsed;
        result.Killed = victims.Keys.ToList();
        // Watch it come back: a new servicec process (auto-restart after its back-off), then its /health answering 200.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };
        var health = new Uri(lab.Services["servicec"], "/health");
        var limit = clock.Elapsed + TimeSpan.FromSeconds(90);
        while (clock.Elapsed < limit && result.ServiceCHealthyAt is null)
        {
            if (result.ServiceCSpawnedAt is null
                && LabProcesses.Of(lab.ProcessId).Any(p => !victims.ContainsKey(p.Key) && LabProcesses.Role(p.Value, p.Key, lab.ProcessId) == "servicec"))
            {
                result.ServiceCSpawnedAt = clock.Elapsed;
            }

            try
            {
                using var response = await http.GetAsync(health, cancel);
                if (response.IsSuccessStatusCode && result.ServiceCSpawnedAt is not null)
                {
                    result.ServiceCHealthyAt = clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                // starting
            }

            await Task.Delay(20, cancel);
        }
    }

    private static async Task SwitchAsync(LabProcess lab, TimeSpan at, TimeSpan length, Stopwatch clock, SoakResult result, CancellationToken cancel)
    {
        await Task.Delay(at - clock.Elapsed, cancel);
        result.SwitchedOffAt = clock.Elapsed;
        result.SwitchErrors.Enqueue(await ResourceCommandClient.ExecuteAsync(lab.ProcessId, SwitchedLink, "switch-off", cancel));
        await Task.Delay(length, cancel);
        result.SwitchedOnAt = clock.Elapsed;
        result.SwitchErrors.Enqueue(await ResourceCommandClient.ExecuteAsync(lab.ProcessId, SwitchedLink, "switch-on", cancel));
    }

    private static async Task FaultAsync(LabProcess lab, LinkFault fault, TimeSpan at, TimeSpan length, Stopwatch clock, SoakResult result, CancellationToken cancel)
    {
        await Task.Delay(at - clock.Elapsed, cancel);
        // The command's inputs as the dashboard's dialog has them: the kind, the direction and the rest of the option text.
        var text = fault.ToString(); // link=kind[:value][@direction]
        var spec = text[(fault.Link.Length + 1)..].Split('@');
        var kindAndValue = spec[0].Split(':', 2);
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = kindAndValue[0],
            ["direction"] = FaultDirections.Name(fault.Direction),
        };
        if (kindAndValue.Length > 1)
        {
            arguments["value"] = kindAndValue[1];
        }

        result.FaultedAt = clock.Elapsed;
        result.FaultErrors.Enqueue(await ResourceCommandClient.ExecuteAsync(lab.ProcessId, fault.Link, "inject-fault", cancel, arguments));
        await Task.Delay(length, cancel);
        result.ClearedAt = clock.Elapsed;
        result.FaultErrors.Enqueue(await ResourceCommandClient.ExecuteAsync(lab.ProcessId, fault.Link, "clear-faults", cancel));
    }

    private static async Task SampleAsync(int appHost, Stopwatch clock, SoakResult result, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sample = new ProcessSample(clock.Elapsed, new Dictionary<string, (double, double)>(StringComparer.Ordinal));
            foreach (var (pid, command) in LabProcesses.Of(appHost))
            {
                var role = LabProcesses.Role(command, pid, appHost);
                if (LabProcesses.RssMiB(pid) is { } rss && LabProcesses.CpuMs(pid) is { } cpu)
                {
                    var (r, c) = sample.ByRole.GetValueOrDefault(role);
                    sample.ByRole[role] = (r + rss, c + cpu);
                }
            }

            result.Samples.Enqueue(sample);
            await Task.Delay(SampleEvery, stop);
        }
    }

    private static async Task ProgressAsync(BenchOptions options, Stopwatch clock, SoakResult result, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(ProgressEvery, stop);
            var done = result.Requests.ToArray();
            var last = result.Samples.LastOrDefault();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak {clock.Elapsed.TotalSeconds,4:F0}/{options.Duration.TotalSeconds:F0} s: {done.Length} answered ({done.Count(r => r.Status == 200)} 200, " +
                $"{done.Count(r => r.Status is >= 400)} problems, {done.Count(r => r.Status <= 0)} unanswered); RSS MiB " +
                $"{(last is null ? "-" : string.Join(", ", last.ByRole.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value.RssMiB:F0}")))}; load {LabProcesses.LoadAverage()}"));
        }
    }

    private static async Task CheckTracesAsync(Uri dashboard, SoakResult result, CancellationToken cancel)
    {
        // The dashboard answers slowly while it still ingests the run's last spans on a busy machine: a client of its
        // own with a long timeout, and a few tries per lookup, so a slow answer is not taken for a missing trace.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = DashboardTimeout };
        result.DashboardTraceCount = await TryAsync(() => TotalAsync(http, new Uri(dashboard, "/api/telemetry/traces?limit=1"), cancel), -1L, cancel);
        result.DashboardSpanCount = await TryAsync(() => TotalAsync(http, new Uri(dashboard, "/api/telemetry/spans?limit=1"), cancel), -1L, cancel);
        var ok = result.Requests.Where(r => r.Status == 200 && r.TraceId is not null).ToList();
        var checks = new ConcurrentBag<TraceCheck>();
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(ok.Select(async r =>
        {
            await gate.WaitAsync(cancel);
            try
            {
                checks.Add(await TryAsync(
                    () => CheckTraceAsync(http, dashboard, r, cancel),
                    new TraceCheck(r, new Dictionary<string, int>(), 0, LookupFailed: true), cancel));
            }
            finally
            {
                gate.Release();
            }
        }));
        result.Traces = checks.ToList();
    }

    private static readonly TimeSpan DashboardTimeout = TimeSpan.FromSeconds(60);

    private static async Task<T> TryAsync<T>(Func<Task<T>> lookup, T failed, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await lookup();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancel.IsCancellationRequested)
            {
                if (attempt == 3)
                {
                    return failed;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancel);
            }
        }
    }

    private static async Task<TraceCheck> CheckTraceAsync(HttpClient http, Uri dashboard, SoakRequest request, CancellationToken cancel)
    {
        using var response = await http.GetAsync(new Uri(dashboard, $"/api/telemetry/traces/{request.TraceId}"), cancel);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new TraceCheck(request, new Dictionary<string, int>(), 0);
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancel));
        var services = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var resource in json.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var name = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .FirstOrDefault(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString() ?? "?";
            var spans = resource.GetProperty("scopeSpans").EnumerateArray().Sum(s => s.GetProperty("spans").GetArrayLength());
            services[name] = services.GetValueOrDefault(name) + spans;
        }

        return new TraceCheck(request, services, services.Values.Sum());
    }

    private static async Task<long> TotalAsync(HttpClient http, Uri url, CancellationToken cancel)
    {
        using var response = await http.GetAsync(url, cancel);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancel));
        return json.RootElement.GetProperty("totalCount").GetInt64();
    }

    // X-Ray's 1-5f84c7a1-0123456789abcdef01234567 is W3C's 5f84c7a10123456789abcdef01234567, the form the dashboard takes.
    private static string W3C(string xray) => xray.StartsWith("1-", StringComparison.Ordinal) ? xray[2..].Replace("-", "", StringComparison.Ordinal) : xray;

    internal static IEnumerable<string> ServiceNames => Services;
}

/// <summary>One request of the soak.</summary>
internal sealed class SoakRequest
{
    public required string Link { get; init; }

    public TimeSpan SentAt { get; init; }

    public TimeSpan AnsweredAt { get; set; }

    /// <summary>The HTTP status; 0 when no answer came within the budget, -1 when the request could not be sent.</summary>
    public int Status { get; set; }

    public bool IsProblem { get; set; }

    public string? TraceId { get; set; }

    public string? Detail { get; set; }
}

/// <summary>What the dashboard holds of one answered 200's trace: spans per service; LookupFailed when it did not answer.</summary>
internal sealed record TraceCheck(SoakRequest Request, IReadOnlyDictionary<string, int> SpansByService, int Spans, bool LookupFailed = false);

/// <summary>RSS (MiB) and cumulative CPU (ms) of every lab process, summed per role, at one moment.</summary>
internal sealed record ProcessSample(TimeSpan At, Dictionary<string, (double RssMiB, double CpuMs)> ByRole);
