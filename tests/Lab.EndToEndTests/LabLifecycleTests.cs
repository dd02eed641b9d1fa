using System.Diagnostics;
using System.Net;
using System.Text.Json;
using TracingLab.Testing;

namespace Lab.EndToEndTests;

[Collection("lab")]
public sealed class LabLifecycleTests
{
    private readonly LabFixture _api = new();

    [Fact]
    public async Task CrashedServiceIsRestartedProbeRecoversAndStopLeavesNoChild()
    {
        // servicec stays down 8 s after the crash: longer than servicea's retries, so the failure must surface as a problem.
        await using var lab = await LabProcess.StartAsync(
            typeof(LabLifecycleTests).Assembly, LabFixture.StartTimeout, "--allow-anonymous", "--restart-backoff", "8");
        var pids = (await _api.ResourcesAsync(lab)).ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("processId").GetInt32());

        Process.GetProcessById(pids["servicec"]).Kill();
        var started = Stopwatch.StartNew();
        using var failed = await _api.Http.GetAsync(new Uri(lab.Services["servicea"], "/lab/hops")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("servicec", await failed.Content.ReadAsStringAsync());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"servicea took {started.Elapsed} to give up");

        var restarted = await WaitForAsync(async () =>
        {
            var c = (await _api.ResourcesAsync(lab)).Single(r => r.GetProperty("name").GetString() == "servicec");
            return c.GetProperty("restartCount").GetInt32() >= 1 && c.GetProperty("health").GetString() == "Healthy" ? c : (JsonElement?)null;
        }, TimeSpan.FromSeconds(40));
        Assert.True(restarted.HasValue, $"servicec was not restarted and healthy again. AppHost output:\n{lab.Output}");
        Assert.NotEqual(pids["servicec"], restarted.Value.GetProperty("processId").GetInt32());
        pids["servicec"] = restarted.Value.GetProperty("processId").GetInt32();

        var recovered = await WaitForAsync(async () =>
        {
            using var response = await _api.Http.GetAsync(new Uri(lab.Services["servicea"], "/lab/hops"));
            return response.IsSuccessStatusCode ? true : (bool?)null;
        }, TimeSpan.FromSeconds(40));
        Assert.True(recovered, "/lab/hops did not recover after servicec restarted");

        var exitCode = await lab.InterruptAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        var survivors = await WaitForAsync(
            () => Task.FromResult(pids.Values.Any(IsAlive) ? null : (bool?)true), TimeSpan.FromSeconds(10));
        Assert.True(survivors, $"still running after SIGINT: {string.Join(", ", pids.Where(p => IsAlive(p.Value)).Select(p => p.Key))}");
    }

    [Fact]
    public async Task TelemetryApiNeedsTheKeyUnlessAnonymous()
    {
        await using var lab = await LabProcess.StartAsync(typeof(LabLifecycleTests).Assembly, LabFixture.StartTimeout);

        using var withoutKey = await _api.Http.GetAsync(new Uri(lab.DashboardUrl, "/api/telemetry/resources"));
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, new Uri(lab.DashboardUrl, "/api/telemetry/resources"));
        wrongKey.Headers.Add("x-api-key", "not-the-key");
        using var wrong = await _api.Http.SendAsync(wrongKey);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.NotNull(lab.ApiKey);
        Assert.Equal(3, (await _api.ResourcesAsync(lab, lab.ApiKey)).Length);
        Assert.NotNull(lab.LoginUrl);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<T?> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout) where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (HttpRequestException)
            {
                // Not up yet.
            }

            await Task.Delay(250);
        }

        return null;
    }
}
