using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lab.EndToEndTests;

/// <summary>
/// The lab started once on Aspire.Hosting.Testing for a class's tests (a start costs 20–30 s here): every port
/// ephemeral, the Aspire dashboard on and unsecured, a short restart back-off.
/// </summary>
public class AspireLab : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    public static readonly string[] Services = ["servicea", "serviceb", "servicec"];

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>A plain client: the testing builder's clients retry 502s, which would hide a switched-off link.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri DashboardUrl { get; private set; } = null!;

    protected virtual string[] Args => ["Lab:RandomPorts=true", "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true", "Lab:RestartBackoff=0.2"];

    /// <summary>The links that must answer a first 200 before the tests run: every enabled link no fault breaks.</summary>
    protected virtual IReadOnlyList<string> WarmLinks => TracingLab.Contracts.Links.LinkNames.All;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            Args, (options, _) => options.DisableDashboard = false, cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        // The testing builder randomizes proxied ports, the dashboard's among them: ask the app where it is.
        DashboardUrl = App.GetEndpoint("aspire-dashboard", "http");
        foreach (var service in Services)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(service, cts.Token);
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync("labconsole", cts.Token);

        // Healthy is not warm (JIT, first connections): on a busy machine the first /lab/hops over a link took
        // seconds. The tests time their own calls, so wait here on the condition itself, every link answering 200
        // once, within the start bound.
        foreach (var link in WarmLinks)
        {
            await WaitForHopsAsync(link, cts.Token);
        }
    }

    private async Task WaitForHopsAsync(string link, CancellationToken cancel)
    {
        var last = "no answer yet";
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(Url("servicea"), $"/lab/hops?via={link}"), cancel);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                last = $"no answer within {Http.Timeout.TotalSeconds:0} s";
            }

            try
            {
                await Task.Delay(200, cancel);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"/lab/hops?via={link} did not answer 200 within the lab's start bound ({StartTimeout.TotalSeconds:0} s); last: {last}");
            }
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }

    public Uri Url(string resource) => App.GetEndpoint(resource, "http");

    /// <summary>GET servicea's /lab/hops with <paramref name="query"/>; the status and the JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> HopsAsync(string query = "", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url("servicea"), "/lab/hops" + query));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await Http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(60));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode == System.Net.HttpStatusCode.InternalServerError)
        {
            throw new Xunit.Sdk.XunitException($"/lab/hops{query} answered 500: {body}\n{await ExceptionsOfAsync(body)}");
        }

        return ((int)response.StatusCode, body);
    }

    // No test expects a 500: say which exception escaped, from the exception events of the trace the problem names
    // (the services' spans reach the dashboard within a second or two).
    private async Task<string> ExceptionsOfAsync(JsonElement problem)
    {
        if (!problem.TryGetProperty("traceId", out var id) || !TracingLab.Contracts.Telemetry.XRayTraceId.TryParse(id.GetString(), out var traceId))
        {
            return "(no trace id in the problem)";
        }

        var found = new List<string>();
        for (var attempt = 0; attempt < 10 && found.Count == 0; attempt++)
        {
            await Task.Delay(500);
            var trace = await Http.GetStringAsync(new Uri(DashboardUrl, $"/api/telemetry/traces/{traceId.ToHex()}"));
            found.AddRange(System.Text.RegularExpressions.Regex.Matches(trace, "\"exception\\.(?:type|message)\",\"value\":\\{\"stringValue\":\"([^\"]{0,300})")
                .Select(m => m.Groups[1].Value));
        }

        return found.Count > 0 ? "exceptions in its trace: " + string.Join("; ", found) : "(no exception event in its trace)";
    }

    /// <summary>The resource's current snapshot.</summary>
    public CustomResourceSnapshot Snapshot(string resource) =>
        App.Services.GetRequiredService<ResourceNotificationService>().TryGetCurrentState(resource, out var e)
            ? e.Snapshot
            : throw new InvalidOperationException($"no resource {resource}");

    /// <summary>Runs a resource command as the dashboard would.</summary>
    public Task<ExecuteCommandResult> CommandAsync(string resource, string command, params (string Name, string Value)[] arguments)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        if (arguments.Length == 0)
        {
            return commands.ExecuteCommandAsync(resource, command).WaitAsync(TimeSpan.FromSeconds(30));
        }

        var inputs = new InteractionInputCollection([.. arguments.Select(a => new InteractionInput { Name = a.Name, InputType = InputType.Text, Value = a.Value })]);
        return commands.ExecuteCommandAsync(resource, command, inputs).WaitAsync(TimeSpan.FromSeconds(30));
    }
}

[CollectionDefinition("lab", DisableParallelization = true)]
public sealed class LabCollection;
